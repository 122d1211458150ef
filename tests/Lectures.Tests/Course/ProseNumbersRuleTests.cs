namespace Lectures.Tests.Course;

/// <summary>The rule of <see cref="ProseNumbers"/> on the prose that issue 18 found, and on what it must leave alone.</summary>
[Trait("Category", "Course")]
public class ProseNumbersRuleTests
{
    private static string[] Numbers(string markdown) => ProseNumbers.InProse(markdown).Select(n => n.Text).ToArray();

    private static bool Shown(string prose, string output) =>
        ProseNumbers.InProse(prose).All(n => ProseNumbers.Shown(n, ProseNumbers.InOutput(output)));

    [Fact]
    public void Catches_the_numbers_issue_18_found_in_prose_only()
    {
        Assert.Equal(["4.82", "4.18", "4.54"], Numbers("ends at validation perplexities of 4.82 (vanilla RNN), 4.18 (GRU) and 4.54 (LSTM)"));
        Assert.False(Shown("After 60 steps that is a factor of about 500 either way.",
            "λ = 0.9: ‖∂h_60/∂h_0‖ = 1.797e-03\nfactor down: 556, factor up: 304"));
        Assert.Equal(["50", "4.4e-6", "3.8e-10"], Numbers("at distance 50, $4.4 \\times 10^{-6}$ for the LSTM against $3.8 \\times 10^{-10}$"));
        Assert.False(Shown("$4.4 \\times 10^{-6}$", "gradient norm at distance 50: 3.1e-05"));
        Assert.Equal(["1e-10"], Numbers("agree to about $10^{-10}$"));
        Assert.True(Shown("agree to about $10^{-10}$", "relative error: 1.2e-10"));
        Assert.Equal(["200", "30", "0.01"], Numbers("(200 epochs instead of 30 end within 0.01 of the same accuracy)"));
        Assert.Equal(["12", "0.97"], Numbers("12 epochs bring greedy exact match to about 0.97."));
    }

    [Fact]
    public void A_printed_number_shows_the_prose_number_it_rounds_to()
    {
        Assert.True(Shown("exact match about 0.97", "exact match (greedy): 0.9712"));
        Assert.False(Shown("exact match about 0.97", "exact match (greedy): 0.9649"));
        Assert.True(Shown("‖W²⁰‖₂ = 6.1e3", "‖W²⁰‖₂: 6.128e+03"));
        Assert.True(Shown("about 130,000 parameters", "parameters: 130000"));
        Assert.False(Shown("about 130,000 parameters", "parameters: 131,229"));
        Assert.True(Shown("a factor of 556", "factor: 556.4"));
        Assert.True(Shown("$28/30 \\approx 0.93$", "28/30 = 0.933"));
        Assert.True(Shown("the first 90% trains", "training share: 0.90"));
        Assert.True(Shown("a minus sign: -1.598", "eigenvalues: −1.598, 2.584"));
    }

    [Fact]
    public void Leaves_out_references_code_exercise_numbering_and_the_structure_of_formulas()
    {
        Assert.Empty(Numbers("Notebooks 05 and 06 show it; lecture 004 bounds it; layer 2 reads layer 1's outputs."));
        Assert.Empty(Numbers("In the spirit of Pascanu et al. (2013), and of Gal and Ghahramani 2016 (Hochreiter and Schmidhuber, 1997)."));
        Assert.Empty(Numbers("Replace it by `new Rnn(16, 32, batchFirst: true)` or\n```csharp\nvar x = 3;\n```"));
        Assert.Empty(Numbers("1. Train it.\n2. Plot it."));
        Assert.Empty(Numbers("$h_{t-1}$, $x_1$, $W^{20}$, $\\lambda_i^n$, $\\tfrac12 \\lVert y - z \\rVert^2$, $(1 - z_t)$, $2 \\times 2$, $\\|A\\|_2$, W²⁰"));
        Assert.Empty(Numbers("k2 = T, float32 and float64, the 10th step"));
        Assert.Equal(["3", "1/4", "0.5708"], Numbers("the bound $3^{t-k}$, $\\gamma = 1/4$, the fixed point $0.5708$"));
        Assert.Equal(["7"], Numbers("![The CTC lattice of cat over 9 columns](figures/ctc-lattice.svg) has 7 rows."));
        Assert.Equal(["10,000", "2,400"], Numbers("a vocabulary of 10,000 words and 2,400 characters"));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Lectures.Tests.Course;

/// <summary>07: the LSTM's equations, stacked form and gate table are exact; on next-character prediction the vanilla RNN is not behind, but the trained LSTM's gradient reaches much further back (float64, no point lost) until its gates are forced shut; a larger initial forget bias reaches further.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook07Tests(CourseRun course)
{
    private const string Name = "07-lstm.ipynb";

    [Fact]
    public void Gates_are_masks_and_their_slopes_are_the_textbook_ones()
    {
        var text = course.Text(Name);
        Assert.Contains("gate σ(z): [0.5000, 0.0000, 0.2000, 1.0000]", text);
        Assert.Contains("values ⊙ gate: [3.5000, 0.0000, 2.0000, 9.0000]", text);
        Assert.Contains("max σ′: 0.2500, max tanh′: 1.0000", text);
        Assert.InRange(course.Number(Name, "max |autograd σ′ − σ(1 − σ)|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |autograd tanh′ − (1 − tanh²)|:"), 0, 1e-12);
    }

    [Fact]
    public void Gate_equations_and_the_stacked_form_equal_the_library_cell_and_torchsharp()
    {
        Assert.InRange(course.Number(Name, "max |equations − LstmCell|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |LstmCell − TorchSharp|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |stacked form − LstmCell|:"), 0, 1e-12);
        Assert.Contains("W: 8 × 5 (4d × (d + n) with d = 2, n = 3)", course.Text(Name));
    }

    [Fact]
    public void Without_a_forget_gate_the_cell_state_piles_up_and_saturates()
    {
        Assert.Contains("parameters, original LSTM: 312, popular LSTM: 416", course.Text(Name));   // 3 vs 4 blocks of 8·(3 + 8) + 2·8
        var original = course.Number(Name, "‖c_300‖ original:");
        var popular = course.Number(Name, "popular:");
        Assert.True(original > 10 * popular, $"original {original} vs popular {popular}");
        Assert.InRange(course.Number(Name, "saturated units (|tanh c| > 0.99) at t = 300, original:"), 4, 8);
    }

    [Fact]
    public void Setting_the_gates_by_hand_reproduces_the_lecture_table()
    {
        var text = course.Text(Name);
        Assert.Matches(@"0\s+1\s+remember the previous value\s+2\.0000", text);
        Assert.Matches(@"1\s+1\s+add to the previous value\s+2\.5000", text);
        Assert.Matches(@"0\s+0\s+erase the value\s+0\.0000", text);
        Assert.Matches(@"1\s+0\s+overwrite the value\s+0\.5000", text);
    }

    [Fact]
    public void Setting_a_gate_bias_of_40_saturates_sigma_to_double_precision()
    {
        Assert.Contains("bias +40: 1 − σ = 0.0E+000; bias −40: σ = 4.2E-018", course.Text(Name));
    }

    [Fact]
    public void On_next_character_prediction_the_vanilla_rnn_is_not_behind_and_some_forget_gates_stay_open()
    {
        var lstm = course.Number(Name, "training loss after 6 epochs (LSTM):");
        var rnn = Number(course.Text(Name), @"training loss after 6 epochs \(LSTM\): [\d.]+, \(vanilla RNN\): ");
        Assert.InRange(lstm, 0.5, Math.Log(60) - 1.5);                       // far below the uniform guess ln 60 = 4.09
        Assert.InRange(rnn, 0.5, lstm);                                       // the prose: the vanilla RNN is ahead
        var lstmByEpoch = Numbers(course.Text(Name), "training loss by epoch (LSTM): ");
        var rnnByEpoch = Numbers(course.Text(Name), "training loss by epoch (vanilla RNN): ");
        Assert.Equal(6, lstmByEpoch.Length);
        Assert.All(Enumerable.Range(0, 6), e => Assert.True(rnnByEpoch[e] < lstmByEpoch[e], $"epoch {e + 1}: RNN {rnnByEpoch[e]} vs LSTM {lstmByEpoch[e]}"));
        Assert.Contains("parameters (LSTM): 14012, (vanilla RNN): 4988", course.Text(Name));
        Assert.InRange(course.Number(Name, "units with mean above 0.9:"), 1, 32);
    }

    [Fact]
    public void The_lstm_gradient_reaches_further_back_until_its_gates_are_forced_and_no_point_underflows()
    {
        var text = course.Text(Name);
        var rnn = Gradient(text, "vanilla RNN");
        var lstm = Gradient(text, "LSTM");
        var forced = Gradient(text, "LSTM, always forget and output");
        Assert.True(rnn[10] > lstm[10], $"at distance 10 the RNN's gradient is the larger: {rnn[10]} vs {lstm[10]}");
        Assert.True(lstm[50] > 1e3 * rnn[50], $"distance 50: LSTM {lstm[50]} vs RNN {rnn[50]}");
        Assert.True(lstm[99] > 1e9 * rnn[99], $"distance 99: LSTM {lstm[99]} vs RNN {rnn[99]}");
        Assert.True(lstm[99] < 1e-6 * lstm[10], "the LSTM's gradient still shrinks over the passage");
        Assert.True(forced[50] < rnn[50] && forced[99] < rnn[99], $"forced {forced[50]}, {forced[99]} vs RNN {rnn[50]}, {rnn[99]}");
        Assert.Equal(3, Regex.Matches(text, "above 0 at 99 of 99 distances").Count);
        Assert.Contains("in float32: 0.00E+000 (float32's smallest positive number: 1.4E-045)", text);
        Assert.InRange(course.Number(Name, "max |c_t − i_t ⊙ c̃_t| with f = 0:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |h_t − tanh(c_t)| with o = 1:"), 0, 1e-12);
    }

    [Fact]
    public void A_larger_initial_forget_bias_reaches_further_back_before_training()
    {
        var text = course.Text(Name);
        double At50(string bias) => Number(text, $@"untrained LSTM, forget bias {Regex.Escape(bias)}: f ≈ [\d.]+, gradient norm at distance 10: [-+.\dE]+, 50: ");
        var (pytorch, one, three) = (At50("PyTorch's (near 0)"), At50("1"), At50("3"));
        Assert.True(one > 1e3 * pytorch && three > 1e2 * one, $"{pytorch} < {one} < {three}");
        Assert.Contains("forget bias 1: f ≈ 0.731", text);
    }

    /// <summary>The gradient norms printed for one model, by distance (10, 50, 99).</summary>
    private static Dictionary<int, double> Gradient(string text, string model)
    {
        var m = Regex.Match(text, $@"gradient norm \({Regex.Escape(model)}\) at distance 10: (?<a>\S+), 50: (?<b>\S+), 99: (?<c>[^;]+);");
        Assert.True(m.Success, $"no gradient line for {model}");
        return new() { [10] = Parse(m.Groups["a"].Value), [50] = Parse(m.Groups["b"].Value), [99] = Parse(m.Groups["c"].Value) };
    }

    private static double Number(string text, string pattern)
    {
        var m = Regex.Match(text, pattern + @"(?<n>[-+.\dE]+)");
        Assert.True(m.Success, $"nothing printed after /{pattern}/");
        return Parse(m.Groups["n"].Value);
    }

    private static double[] Numbers(string text, string label)
    {
        var line = text.Split('\n').Single(l => l.StartsWith(label, StringComparison.Ordinal));
        return line[label.Length..].Split(", ").Select(Parse).ToArray();
    }

    private static double Parse(string s) => double.Parse(s.Trim().TrimEnd(','), NumberStyles.Float, CultureInfo.InvariantCulture);
}

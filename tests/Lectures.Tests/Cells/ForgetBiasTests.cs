using Lectures.Cells;
using Lectures.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Cells;

/// <summary>
/// The forget-bias option of the LSTM cell and layer: the forget block of every bias starts at the value (b_if)
/// and 0 (b_hf), every other parameter is drawn exactly as without the option, the forget gate then opens at
/// σ(value), and the module still equals TorchSharp's with copied weights.
/// </summary>
[Trait("Category", "Equivalence")]
public class ForgetBiasTests
{
    [Fact]
    public void Every_layer_and_direction_starts_its_forget_gate_at_the_value_and_nothing_else_changes()
    {
        const long H = 3;
        manual_seed(21);
        using var plain = new Lstm(2, H, numLayers: 2, bidirectional: true);
        manual_seed(21);
        using var biased = new Lstm(2, H, numLayers: 2, bidirectional: true, forgetBias: 1.0);
        Assert.Equal(1.0, biased.ForgetBias);
        Assert.Null(plain.ForgetBias);
        var reference = plain.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var names = new List<string>();
        foreach (var (name, p) in biased.named_parameters())
        {
            var q = reference[name];
            if (!name.StartsWith("bias", StringComparison.Ordinal)) { Equivalence.AssertClose(q, p, double.Epsilon, name); continue; }
            names.Add(name);
            var expectedForget = name.StartsWith("bias_ih", StringComparison.Ordinal) ? 1.0 : 0.0;
            Equivalence.AssertClose(full(H, expectedForget), p.narrow(0, H, H), double.Epsilon, $"{name} forget block");
            Equivalence.AssertClose(q.narrow(0, 0, H), p.narrow(0, 0, H), double.Epsilon, $"{name} input block");
            Equivalence.AssertClose(q.narrow(0, 2 * H, 2 * H), p.narrow(0, 2 * H, 2 * H), double.Epsilon, $"{name} g and o blocks");
        }
        Assert.Equal(8, names.Count);   // bias_ih and bias_hh of 2 layers × 2 directions
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void From_a_zero_input_and_state_the_forget_gate_is_sigma_of_the_bias(double value)
    {
        using var lstm = new Lstm(2, 4, forgetBias: value, dtype: ScalarType.Float64);
        var trace = new RecurrentTrace();
        lstm.forward(zeros(1, 1, 2, dtype: ScalarType.Float64), null, trace: trace);
        Equivalence.AssertClose(full(1, 1, 4, 1 / (1 + Math.Exp(-value)), dtype: ScalarType.Float64), trace["f"], 1e-15, "f_1");

        using var cell = new LstmCell(2, 4, forgetBias: value, dtype: ScalarType.Float64);
        var sum = cell.bias_ih! + cell.bias_hh!;
        Equivalence.AssertClose(full(4, value, dtype: ScalarType.Float64), sum.narrow(0, 4, 4), double.Epsilon, "b_if + b_hf of the cell");
    }

    [Fact]
    public void A_layer_with_a_forget_bias_still_equals_torchsharps_lstm()
    {
        manual_seed(22);
        using var ours = new Lstm(3, 4, numLayers: 2, forgetBias: 1.0, dtype: ScalarType.Float64);
        using var theirs = nn.LSTM(3, 4, 2, dtype: ScalarType.Float64);
        theirs.load_state_dict(ours.state_dict());
        var x = randn(5, 2, 3, dtype: ScalarType.Float64);
        Equivalence.AssertSame(theirs, ours, x,
            (m, xx) => ((TorchSharp.Modules.LSTM)m).forward(xx, null) is var (y, h, c) ? [y, h, c] : [],
            (m, xx) => ((Lstm)m).forward(xx, null) is var (y, h, c) ? [y, h, c] : [], "forget bias 1");
    }

    [Fact]
    public void Impossible_forget_biases_are_refused_with_the_reason()
    {
        Assert.Contains("forgetGate: false", Assert.Throws<ArgumentException>(() => new Lstm(2, 3, forgetGate: false, forgetBias: 1.0)).Message);
        Assert.Contains("bias: false", Assert.Throws<ArgumentException>(() => new LstmCell(2, 3, bias: false, forgetBias: 1.0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lstm(2, 3, forgetBias: double.NaN));
    }
}

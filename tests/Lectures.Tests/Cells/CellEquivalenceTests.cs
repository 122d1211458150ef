using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Cells;

/// <summary>Our cells against TorchSharp's RNNCell, LSTMCell and GRUCell with copied weights, both ways.</summary>
[Trait("Category", "Equivalence")]
public class CellEquivalenceTests
{
    public static TheoryData<int, ScalarType, bool, bool> Cases()
    {
        var data = new TheoryData<int, ScalarType, bool, bool>();
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
        {
            data.Add(1, dtype, true, true);      // seed, dtype, bias, with an initial state
            data.Add(2, dtype, true, false);
            data.Add(3, dtype, false, true);
            data.Add(4, dtype, true, true);
        }
        return data;
    }

    private static (long input, long hidden, long batch) Sizes(int seed) => (3 + seed, 2 + 2 * seed, seed);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rnn_cell_matches_TorchSharp(int seed, ScalarType dtype, bool bias, bool withState)
    {
        foreach (var (ours, theirs) in new[] { (RnnActivation.Tanh, nn.NonLinearities.Tanh), (RnnActivation.Relu, nn.NonLinearities.ReLU) })
        {
            manual_seed(seed);
            var (i, h, b) = Sizes(seed);
            using var reference = nn.RNNCell(i, h, theirs, bias, dtype: dtype);
            using var cell = new RnnCell(i, h, bias, ours, dtype: dtype);
            Equivalence.CopyWeights(reference, cell, seed);
            var h0 = withState ? randn(b, h, dtype: dtype) : null;
            Equivalence.AssertSame(reference, cell, randn(b, i, dtype: dtype),
                (m, x) => [((nn.Module<Tensor, Tensor?, Tensor>)m).forward(x, h0)],
                (m, x) => [((RnnCell)m).forward(x, h0)], $"RnnCell {ours} seed {seed}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lstm_cell_matches_TorchSharp(int seed, ScalarType dtype, bool bias, bool withState)
    {
        manual_seed(seed);
        var (i, h, b) = Sizes(seed);
        using var reference = nn.LSTMCell(i, h, bias, dtype: dtype);
        using var cell = new LstmCell(i, h, bias, dtype: dtype);
        Equivalence.CopyWeights(reference, cell, seed);
        (Tensor, Tensor)? state = withState ? (randn(b, h, dtype: dtype), randn(b, h, dtype: dtype)) : null;
        // TorchSharp 0.107's LSTMCell fails on a null state (it passes empty tensors), so it gets explicit zeros.
        var zeroState = (zeros(b, h, dtype: dtype), zeros(b, h, dtype: dtype));
        Equivalence.AssertSame(reference, cell, randn(b, i, dtype: dtype),
            (m, x) => { var (hh, cc) = ((TorchSharp.Modules.LSTMCell)m).forward(x, state ?? zeroState); return [hh, cc]; },
            (m, x) => { var (hh, cc) = ((LstmCell)m).forward(x, state); return [hh, cc]; }, $"LstmCell seed {seed}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gru_cell_matches_TorchSharp(int seed, ScalarType dtype, bool bias, bool withState)
    {
        manual_seed(seed);
        var (i, h, b) = Sizes(seed);
        using var reference = nn.GRUCell(i, h, bias, dtype: dtype);
        using var cell = new GruCell(i, h, bias, dtype: dtype);
        Equivalence.CopyWeights(reference, cell, seed);
        var h0 = withState ? randn(b, h, dtype: dtype) : null;
        Equivalence.AssertSame(reference, cell, randn(b, i, dtype: dtype),
            (m, x) => [((TorchSharp.Modules.GRUCell)m).forward(x, h0)],
            (m, x) => [((GruCell)m).forward(x, h0)], $"GruCell seed {seed}");
    }

    /// <summary>No TorchSharp module has a logistic RNN: compare with the equation written with autograd ops.</summary>
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Logistic_rnn_cell_matches_the_equation_under_autograd(ScalarType dtype)
    {
        manual_seed(5);
        using var cell = new RnnCell(4, 3, activation: RnnActivation.Logistic, dtype: dtype);
        var p = cell.named_parameters().ToDictionary(q => q.name, q => q.parameter);
        var (x, h0) = (randn(2, 4, dtype: dtype), randn(2, 3, dtype: dtype));
        var expected = sigmoid(x.matmul(p["weight_ih"].t()) + p["bias_ih"] + h0.matmul(p["weight_hh"].t()) + p["bias_hh"]);
        var dExpected = autograd.grad([expected.sum()], [p["weight_hh"]])[0];
        var actual = cell.forward(x, h0);
        var dActual = autograd.grad([actual.sum()], [p["weight_hh"]])[0];
        Equivalence.AssertClose(expected, actual, Equivalence.Tolerance(dtype), "logistic RNN cell");
        Equivalence.AssertClose(dExpected, dActual, Equivalence.Tolerance(dtype), "its weight_hh gradient");
    }

    /// <summary>
    /// The original LSTM is the popular one with the forget gate held open (f = 1): give TorchSharp's LSTMCell our
    /// i, g, o rows and f rows with weight 0 and bias 50 (σ(50) rounds to exactly 1), and compare.
    /// </summary>
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Original_lstm_cell_is_the_popular_one_with_the_forget_gate_open(ScalarType dtype)
    {
        manual_seed(6);
        const long H = 4;
        using var cell = new LstmCell(3, H, forgetGate: false, dtype: dtype);
        using var reference = nn.LSTMCell(3, H, dtype: dtype);
        reference.load_state_dict(OriginalLstm.WithOpenForgetGate(cell.state_dict(), H));
        var (x, h0, c0) = (randn(2, 3, dtype: dtype), randn(2, H, dtype: dtype), randn(2, H, dtype: dtype));
        var (he, ce) = reference.forward(x, (h0, c0));
        var (ha, ca) = cell.forward(x, (h0, c0));
        Equivalence.AssertClose(he, ha, Equivalence.Tolerance(dtype), "h");
        Equivalence.AssertClose(ce, ca, Equivalence.Tolerance(dtype), "c");
        (he.sum() + (ce * ce).sum()).backward();
        (ha.sum() + (ca * ca).sum()).backward();
        foreach (var (name, p) in cell.named_parameters())
            Equivalence.AssertClose(OriginalLstm.WithoutForgetRows(reference.get_parameter(name)!.grad!, H), p.grad!,
                Equivalence.Tolerance(dtype), $"gradient of {name}");
    }

    [Fact]
    public void Parameters_are_named_properties_that_follow_dtype_conversion()
    {
        manual_seed(7);
        using var cell = new LstmCell(3, 2);
        cell.to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, cell.weight_hh.dtype);
        Assert.Equal([8L, 3L], cell.weight_ih.shape);
        Assert.Same(cell.get_parameter("bias_ih"), cell.bias_ih);
        Assert.Null(new GruCell(3, 2, bias: false).bias_hh);
        var (h, _) = cell.forward(randn(1, 3, dtype: ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, h.dtype);
    }
}

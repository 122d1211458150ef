using Lectures.Bptt;
using Lectures.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Bptt;

/// <summary>
/// LSTM and GRU: the manual forward's loss equals the loss through TorchSharp's nn.LSTMCell / nn.GRUCell with copied
/// weights, and the manual gradients equal autograd through those modules and centered finite differences.
/// </summary>
[Trait("Category", "Gradients")]
public class GatedBpttTests
{
    // Tiny tensors: intra-op threads only add synchronisation, which costs seconds when other jobs share the cores.
    public GatedBpttTests() => torch.set_num_threads(1);

    public static IEnumerable<object[]> Cases() => RandomProblem.LossesAndSettings();

    private static (GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target) Problem(int seed, int gates, LossKind loss, SequenceFlavour setting)
    {
        var (T, B, n, d, k) = RandomProblem.Shapes(seed);
        return Problem(seed, gates, loss, setting, T, B, n, d, k);
    }

    private static (GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target) Problem(int seed, int gates, LossKind loss,
        SequenceFlavour setting, long T, long B, long n, long d, long k)
    {
        manual_seed(seed);
        var p = GatedParameters.Random(n, d, k, gates);
        p = p with { weight_hh = p.weight_hh * 3, bias_hh = p.bias_hh * 2 };   // larger, so every gate matters
        return (p, randn(T, B, n, dtype: float64), randn(B, d, dtype: float64), randn(B, d, dtype: float64),
                RandomProblem.Target(loss, setting, T, B, k));
    }

    /// <summary>Runs the module over time with the weights copied in; returns L and the gradients by autograd.</summary>
    private static (double L, Dictionary<string, Tensor> grads) ThroughModule(nn.Module cell, Func<Tensor, Tensor, Tensor, (Tensor h, Tensor c)> step,
        GatedParameters p, LossKind loss, SequenceFlavour setting, Tensor x, Tensor h0, Tensor c0, Tensor target)
    {
        using var grad = enable_grad();
        var w = cell.named_parameters().ToDictionary(np => np.name, np => np.parameter);
        using (no_grad())
            foreach (var (name, value) in p.Named().Where(kv => w.ContainsKey(kv.Key))) w[name].copy_(value);
        var V = p.weight_hy.clone().requires_grad_(true);
        var c = p.bias_hy.clone().requires_grad_(true);
        var h = h0.clone().requires_grad_(true);
        var cs = c0.clone().requires_grad_(true);
        var (h0Leaf, c0Leaf) = (h, cs);
        var hs = new List<Tensor>();
        foreach (var xt in x.unbind(0))
        {
            (h, cs) = step(xt, h, cs);
            hs.Add(h);
        }
        var hAll = stack(hs, 0);
        var L = RandomProblem.OutputLoss(hAll, V, c, target, loss, setting);
        L.backward();
        var grads = w.ToDictionary(kv => kv.Key, kv => kv.Value.grad!);
        grads["weight_hy"] = V.grad!;
        grads["bias_hy"] = c.grad!;
        grads["h0"] = h0Leaf.grad!;
        if (c0Leaf.grad is not null) grads["c0"] = c0Leaf.grad;
        return (L.ToDouble(), grads);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lstm_manual_bptt_equals_nn_LSTMCell_autograd_and_finite_differences(LossKind loss, SequenceFlavour setting)
    {
        for (var seed = 1; seed <= 6; seed++) CheckLstm(seed, loss, setting, Problem(seed, 4, loss, setting));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 3)]
    [InlineData(40, 2)]
    public void Lstm_manual_bptt_is_right_for_one_step_and_for_long_sequences(int T, int B)
    {
        foreach (var (loss, setting) in new[] { (LossKind.SquaredError, SequenceFlavour.ManyToMany), (LossKind.CrossEntropy, SequenceFlavour.ManyToOne) })
            CheckLstm(T, loss, setting, Problem(T, 4, loss, setting, T, B, 3, 4, 3));
    }

    private static void CheckLstm(int seed, LossKind loss, SequenceFlavour setting,
        (GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target) problem)
    {
        using var scope = NewDisposeScope();
        var bptt = new LstmBptt(loss, setting);
        var (p, x, h0, c0, target) = problem;
        var manual = bptt.Backward(p, x, h0, c0, target);

        using var cell = nn.LSTMCell(p.InputSize, p.HiddenSize, dtype: float64);
        var (L, byModule) = ThroughModule(cell, (xt, h, c) => cell.forward(xt, (h, c)), p, loss, setting, x, h0, c0, target);
        Assert.Equal(L, manual.Loss, 10);
        var report = GradientCheck.Compare(byModule, manual.Named());
        Assert.True(report.MaxRelativeError < 1e-10, $"seed {seed}, manual vs nn.LSTMCell autograd:\n{report}");

        var inputs = new Dictionary<string, Tensor>(p.Named()) { ["h0"] = h0, ["c0"] = c0 };
        var numerical = GradientCheck.NumericalGradients(() => bptt.Loss(p, x, h0, c0, target), inputs);
        report = GradientCheck.Compare(numerical, manual.Named());
        Assert.True(report.MaxRelativeError < 1e-6, $"seed {seed}, manual vs finite differences:\n{report}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gru_manual_bptt_equals_nn_GRUCell_autograd_and_finite_differences(LossKind loss, SequenceFlavour setting)
    {
        for (var seed = 1; seed <= 6; seed++) CheckGru(seed, loss, setting, Problem(seed, 3, loss, setting));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 3)]
    [InlineData(40, 2)]
    public void Gru_manual_bptt_is_right_for_one_step_and_for_long_sequences(int T, int B)
    {
        foreach (var (loss, setting) in new[] { (LossKind.SquaredError, SequenceFlavour.ManyToMany), (LossKind.CrossEntropy, SequenceFlavour.ManyToOne) })
            CheckGru(T, loss, setting, Problem(T, 3, loss, setting, T, B, 3, 4, 3));
    }

    private static void CheckGru(int seed, LossKind loss, SequenceFlavour setting,
        (GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target) problem)
    {
        using var scope = NewDisposeScope();
        var bptt = new GruBptt(loss, setting);
        var (p, x, h0, _, target) = problem;
        var manual = bptt.Backward(p, x, h0, target);
        Assert.Null(manual.dc0);

        using var cell = nn.GRUCell(p.InputSize, p.HiddenSize, dtype: float64);
        var (L, byModule) = ThroughModule(cell, (xt, h, c) => (cell.forward(xt, h), c), p, loss, setting, x, h0, zeros_like(h0), target);
        Assert.Equal(L, manual.Loss, 10);
        var report = GradientCheck.Compare(byModule, manual.Named());
        Assert.True(report.MaxRelativeError < 1e-10, $"seed {seed}, manual vs nn.GRUCell autograd:\n{report}");
        Assert.True(GradientCheck.RelativeError(manual.dbias_ih, manual.dbias_hh) > 1e-8, "b_in and b_hn get different gradients");

        var inputs = new Dictionary<string, Tensor>(p.Named()) { ["h0"] = h0 };
        var numerical = GradientCheck.NumericalGradients(() => bptt.Loss(p, x, h0, target), inputs);
        report = GradientCheck.Compare(numerical, manual.Named());
        Assert.True(report.MaxRelativeError < 1e-6, $"seed {seed}, manual vs finite differences:\n{report}");
    }

    [Fact]
    public void Autograd_helpers_agree_with_the_manual_passes()
    {
        using var scope = NewDisposeScope();
        var (p, x, h0, c0, target) = Problem(11, 4, LossKind.CrossEntropy, SequenceFlavour.ManyToMany);
        var lstm = new LstmBptt(LossKind.CrossEntropy, SequenceFlavour.ManyToMany);
        Assert.True(GradientCheck.Compare(lstm.Autograd(p, x, h0, c0, target).Named(), lstm.Backward(p, x, h0, c0, target).Named()).MaxRelativeError < 1e-10);
        var (q, _, _, _, _) = Problem(11, 3, LossKind.CrossEntropy, SequenceFlavour.ManyToMany);
        var gru = new GruBptt(LossKind.CrossEntropy, SequenceFlavour.ManyToMany);
        Assert.True(GradientCheck.Compare(gru.Autograd(q, x, h0, target).Named(), gru.Backward(q, x, h0, target).Named()).MaxRelativeError < 1e-10);
        var e = Assert.Throws<ArgumentException>(() => gru.Backward(p, x, h0, target));
        Assert.Contains("weight_hh: expected shape", e.Message);
    }
}

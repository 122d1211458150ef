using Lectures.Bptt;
using Lectures.Layers;
using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Bptt;

[Trait("Category", "Gradients")]
public class RnnBpttTests
{
    // Tiny tensors: intra-op threads only add synchronisation, which costs seconds when other jobs share the cores.
    public RnnBpttTests() => torch.set_num_threads(1);

    public static IEnumerable<object[]> Cases() =>
        from f in Enum.GetValues<RnnActivation>()
        from loss in Enum.GetValues<LossKind>()
        from setting in new[] { SequenceFlavour.ManyToMany, SequenceFlavour.ManyToOne }
        select new object[] { f, loss, setting };

    /// <summary>
    /// Reference gradients through autograd from TorchSharp's own nn.RNNCell (tanh, ReLU) with copied weights, or an
    /// explicit loop in PyTorch's parameterisation (logistic, which nn.RNNCell lacks), with split biases.
    /// </summary>
    private static Dictionary<string, Tensor> TorchReference(RnnActivation f, LossKind loss, SequenceFlavour setting,
        RnnParameters p, Tensor x, Tensor h0, Tensor target)
    {
        using var grad = enable_grad();
        using var cell = nn.RNNCell(p.InputSize, p.HiddenSize,
            f == RnnActivation.Relu ? nn.NonLinearities.ReLU : nn.NonLinearities.Tanh, dtype: float64);
        var w = cell.named_parameters().ToDictionary(np => np.name, np => np.parameter);
        using (no_grad())
        {
            w["weight_ih"].copy_(p.U);
            w["weight_hh"].copy_(p.W);
            w["bias_ih"].copy_(p.b * 0.3);   // any split with bias_ih + bias_hh = b
            w["bias_hh"].copy_(p.b * 0.7);
        }
        var V = p.V.clone().requires_grad_(true);
        var c = p.c.clone().requires_grad_(true);
        var h0Leaf = h0.clone().requires_grad_(true);
        var h = h0Leaf;
        var hs = new List<Tensor>();
        foreach (var xt in x.unbind(0))
        {
            h = f == RnnActivation.Logistic
                ? (xt.matmul(w["weight_ih"].T) + w["bias_ih"] + h.matmul(w["weight_hh"].T) + w["bias_hh"]).sigmoid()
                : cell.forward(xt, h);
            hs.Add(h);
        }
        var hAll = stack(hs, 0);
        var L = RandomProblem.OutputLoss(hAll, V, c, target, loss, setting);
        L.backward();
        Assert.Equal(0.0, (w["bias_ih"].grad! - w["bias_hh"].grad!).abs().max().ToDouble());
        return new()
        {
            ["W"] = w["weight_hh"].grad!, ["U"] = w["weight_ih"].grad!, ["b"] = w["bias_ih"].grad!,
            ["V"] = V.grad!, ["c"] = c.grad!, ["h0"] = h0Leaf.grad!,
        };
    }

    private static (RnnParameters p, Tensor x, Tensor h0, Tensor target) Problem(int seed, LossKind loss, SequenceFlavour setting)
    {
        var (T, B, n, d, k) = RandomProblem.Shapes(seed);
        manual_seed(seed);
        var p = RnnParameters.Random(n, d, k);
        // Scale W up a little so gradients flowing back several steps are not negligible.
        p = p with { W = p.W * 2 };
        return (p, randn(T, B, n, dtype: float64), randn(B, d, dtype: float64) * 0.5, RandomProblem.Target(loss, setting, T, B, k));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Manual_bptt_equals_autograd_through_torch_cells_and_finite_differences(RnnActivation f, LossKind loss, SequenceFlavour setting)
    {
        var bptt = new RnnBptt(f, loss, setting);
        for (var seed = 1; seed <= 8; seed++)
        {
            using var scope = NewDisposeScope();
            var (p, x, h0, target) = Problem(seed, loss, setting);
            var manual = bptt.Backward(p, x, h0, target);

            var byTorch = GradientCheck.Compare(TorchReference(f, loss, setting, p, x, h0, target), manual.Named());
            Assert.True(byTorch.MaxRelativeError < 1e-10, $"seed {seed}, manual vs autograd:\n{byTorch}");

            var inputs = new Dictionary<string, Tensor>(p.Named()) { ["h0"] = h0 };
            var numerical = GradientCheck.NumericalGradients(() => bptt.Loss(p, x, h0, target), inputs);
            var byDifferences = GradientCheck.Compare(numerical, manual.Named());
            Assert.True(byDifferences.MaxRelativeError < 1e-6, $"seed {seed}, manual vs finite differences:\n{byDifferences}");

            Assert.Equal(bptt.Loss(p, x, h0, target).ToDouble(), manual.Loss, 12);
        }
    }

    [Fact]
    public void FromPyTorch_maps_weight_hh_to_W_weight_ih_to_U_and_the_two_biases_to_b()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var cell = nn.RNNCell(3, 4, dtype: float64);
        var w = cell.named_parameters().ToDictionary(np => np.name, np => np.parameter);
        var (V, c) = (randn(2, 4, dtype: float64), randn(2, dtype: float64));
        var p = RnnParameters.FromPyTorch(w["weight_ih"], w["weight_hh"], w["bias_ih"], w["bias_hh"], V, c);
        var (x, h0, z) = (randn(5, 2, 3, dtype: float64), randn(2, 4, dtype: float64), randn(5, 2, 2, dtype: float64));

        using var noGrad = no_grad();
        var h = h0;
        var L = 0.0;
        foreach (var (xt, zt) in x.unbind(0).Zip(z.unbind(0)))
        {
            h = cell.forward(xt, h);
            L += (0.5 * (h.matmul(V.T) + c - zt).pow(2).sum()).ToDouble();
        }
        Assert.Equal(L, new RnnBptt(RnnActivation.Tanh, LossKind.SquaredError, SequenceFlavour.ManyToMany).Loss(p, x, h0, z).ToDouble(), 12);
    }
}

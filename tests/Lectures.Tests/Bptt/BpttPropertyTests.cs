using CsCheck;
using Lectures.Bptt;
using Lectures.Layers;
using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Bptt;

/// <summary>
/// Property-based: for generated shapes, cells, activations, losses and settings, the manual passes equal autograd
/// on the same forward (whose forward is checked against TorchSharp's cells in the other tests). CsCheck shrinks a
/// failure to the smallest case and prints its seed; the fixed seed keeps runs deterministic.
/// </summary>
[Trait("Category", "Gradients")]
public class BpttPropertyTests
{
    public BpttPropertyTests() => torch.set_num_threads(1);

    private const string Seed = "0000Qr3VIY21";

    private static readonly Gen<(int T, int B, int n, int d, int k, int seed)> Shapes =
        Gen.Select(Gen.Int[1, 12], Gen.Int[1, 4], Gen.Int[1, 6], Gen.Int[1, 8], Gen.Int[2, 5], Gen.Int[0, 100_000]);

    [Fact]
    public void Manual_gradients_equal_autograd_for_generated_problems()
    {
        Gen.Select(Shapes, Gen.Enum<RnnActivation>(), Gen.Enum<LossKind>(), Gen.Enum<SequenceFlavour>().Where(f => f != SequenceFlavour.OneToMany), Gen.Int[0, 2])
            .Sample((shape, f, loss, setting, cell) =>
            {
                using var scope = NewDisposeScope();
                var (T, B, n, d, k, seed) = shape;
                manual_seed(seed);
                var x = randn(T, B, n, dtype: float64);
                var h0 = randn(B, d, dtype: float64);
                var target = RandomProblem.Target(loss, setting, T, B, k);
                var (manual, autograd) = cell switch
                {
                    0 => Rnn(f, loss, setting, RnnParameters.Random(n, d, k), x, h0, target),
                    1 => Lstm(loss, setting, GatedParameters.Random(n, d, k, 4), x, h0, randn(B, d, dtype: float64), target),
                    _ => Gru(loss, setting, GatedParameters.Random(n, d, k, 3), x, h0, target),
                };
                var report = GradientCheck.Compare(autograd, manual);
                Assert.True(report.MaxRelativeError < 1e-10, report.ToString());
            }, seed: Seed, iter: 60, threads: 1);
    }

    private static (IReadOnlyDictionary<string, Tensor>, IReadOnlyDictionary<string, Tensor>) Rnn(
        RnnActivation f, LossKind loss, SequenceFlavour setting, RnnParameters p, Tensor x, Tensor h0, Tensor target)
    {
        var bptt = new RnnBptt(f, loss, setting);
        return (bptt.Backward(p, x, h0, target).Named(), bptt.Autograd(p, x, h0, target).Named());
    }

    private static (IReadOnlyDictionary<string, Tensor>, IReadOnlyDictionary<string, Tensor>) Lstm(
        LossKind loss, SequenceFlavour setting, GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target)
    {
        var bptt = new LstmBptt(loss, setting);
        return (bptt.Backward(p, x, h0, c0, target).Named(), bptt.Autograd(p, x, h0, c0, target).Named());
    }

    private static (IReadOnlyDictionary<string, Tensor>, IReadOnlyDictionary<string, Tensor>) Gru(
        LossKind loss, SequenceFlavour setting, GatedParameters p, Tensor x, Tensor h0, Tensor target)
    {
        var bptt = new GruBptt(loss, setting);
        return (bptt.Backward(p, x, h0, target).Named(), bptt.Autograd(p, x, h0, target).Named());
    }
}

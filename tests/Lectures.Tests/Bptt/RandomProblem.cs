using Lectures.Bptt;
using Lectures.Layers;
using static TorchSharp.torch;

namespace Lectures.Tests.Bptt;

/// <summary>Seeded random sequences, initial states and targets for the gradient tests (float64).</summary>
internal static class RandomProblem
{
    /// <summary>Shapes drawn from the seed: T in 1..6, B in 1..3, n in 1..4, d in 1..5, k in 2..4.</summary>
    public static (long T, long B, long n, long d, long k) Shapes(int seed)
    {
        var r = new Random(seed);
        return (r.Next(1, 7), r.Next(1, 4), r.Next(1, 5), r.Next(1, 6), r.Next(2, 5));
    }

    public static Tensor Target(LossKind loss, SequenceFlavour setting, long T, long B, long k) => (loss, setting) switch
    {
        (LossKind.SquaredError, SequenceFlavour.ManyToMany) => randn(T, B, k, dtype: float64),
        (LossKind.SquaredError, SequenceFlavour.ManyToOne) => randn(B, k, dtype: float64),
        (LossKind.CrossEntropy, SequenceFlavour.ManyToMany) => randint(0, k, [T, B]),
        _ => randint(0, k, [B]),
    };

    /// <summary>The loss of hidden states (T, B, d) under y_t = V h_t + c, written with autograd for the references.</summary>
    public static Tensor OutputLoss(Tensor hAll, Tensor V, Tensor c, Tensor target, LossKind loss, SequenceFlavour setting)
    {
        var y = (setting == SequenceFlavour.ManyToMany ? hAll : hAll[-1]).matmul(V.T) + c;
        return loss == LossKind.SquaredError
            ? 0.5 * (y - target).pow(2).sum()
            : nn.functional.cross_entropy(y.reshape(-1, y.shape[^1]), target.reshape(-1), reduction: nn.Reduction.Sum);
    }

    public static IEnumerable<object[]> LossesAndSettings() =>
        from loss in Enum.GetValues<LossKind>()
        from setting in new[] { SequenceFlavour.ManyToMany, SequenceFlavour.ManyToOne }
        select new object[] { loss, setting };
}

using Lectures.Layers;
using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// The output layer y_t = weight h_t + bias and the loss, shared by the vanilla RNN (lecture 002's V and c), the
/// LSTM and the GRU (weight_hy and bias_hy). Gradients are returned per step, dL/dy_t as a (T, B, k) tensor with zeros
/// where a step has no output, so the recurrent backward passes and truncated windows can pick any range of steps.
/// </summary>
internal static class OutputLayer
{
    /// <summary>Whether the flavour has an output at every step (many-to-many, one-to-many) or only after the last.</summary>
    public static bool EveryStep(SequenceFlavour flavour) => flavour != SequenceFlavour.ManyToOne;

    /// <summary>y_t = weight h_t + bias for every step, or only for the last one (many-to-one).</summary>
    public static Tensor Forward(Tensor hs, Tensor weight, Tensor bias, SequenceFlavour flavour) =>
        (EveryStep(flavour) ? hs : hs[-1]).matmul(weight.T) + bias;

    /// <summary>L = Σ L_t over steps and batch rows; built from torch ops, so autograd can differentiate it too.</summary>
    public static Tensor Loss(LossKind kind, Tensor y, Tensor target) => kind switch
    {
        LossKind.SquaredError => 0.5 * (y - target).pow(2).sum(),
        LossKind.CrossEntropy => -y.log_softmax(-1).gather(-1, target.unsqueeze(-1)).sum(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "expected SquaredError or CrossEntropy"),
    };

    /// <summary>dL/dy_t for every step t = 1..T as (T, B, k); a many-to-one output only has the last step.</summary>
    public static Tensor StepGradients(LossKind kind, SequenceFlavour flavour, Tensor y, Tensor target, long T)
    {
        var dy = kind switch
        {
            LossKind.SquaredError => y - target,
            LossKind.CrossEntropy => y.softmax(-1) - nn.functional.one_hot(target, y.shape[^1]).to_type(y.dtype),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "expected SquaredError or CrossEntropy"),
        };
        if (EveryStep(flavour)) return dy;
        return cat([zeros(T - 1, dy.shape[0], dy.shape[1], dtype: dy.dtype), dy.unsqueeze(0)], 0);
    }

    /// <summary>Checks the target's shape and dtype against the outputs the flavour produces.</summary>
    public static void CheckTarget(LossKind kind, SequenceFlavour flavour, Tensor target, long T, long B, long k)
    {
        long[] expected = (kind, EveryStep(flavour)) switch
        {
            (LossKind.SquaredError, true) => [T, B, k],
            (LossKind.SquaredError, false) => [B, k],
            (LossKind.CrossEntropy, true) => [T, B],
            _ => [B],
        };
        if (!target.shape.SequenceEqual(expected))
            throw new ArgumentException(
                $"target for {kind} {flavour}: expected shape {Checks.Shape(expected)}, got {Checks.Shape(target)}", nameof(target));
        if (kind == LossKind.CrossEntropy && target.dtype != ScalarType.Int64)
            throw new ArgumentException($"target for CrossEntropy: expected class indices of dtype Int64, got {target.dtype}", nameof(target));
    }
}

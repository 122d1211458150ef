using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// The output layer y_t = V h_t + c and the loss, shared by the vanilla RNN, LSTM and GRU.
/// Gradients are returned per step, dL/dy_t as a (T, B, k) tensor with zeros where a step has no output,
/// so the recurrent backward passes and truncated windows can pick any range of steps.
/// </summary>
internal static class OutputLayer
{
    /// <summary>y_t = V h_t + c for every step (many-to-many) or only for the last one (many-to-one).</summary>
    public static Tensor Forward(Tensor hs, Tensor V, Tensor c, OutputSetting setting) =>
        (setting == OutputSetting.ManyToMany ? hs : hs[-1]).matmul(V.T) + c;

    /// <summary>L = Σ L_t over steps and batch rows; built from torch ops, so autograd can differentiate it too.</summary>
    public static Tensor Loss(LossKind kind, Tensor y, Tensor target) => kind switch
    {
        LossKind.SquaredError => 0.5 * (y - target).pow(2).sum(),
        LossKind.CrossEntropy => -y.log_softmax(-1).gather(-1, target.unsqueeze(-1)).sum(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "expected SquaredError or CrossEntropy"),
    };

    /// <summary>dL/dy_t for every step t = 1..T as (T, B, k); a many-to-one output only has the last step.</summary>
    public static Tensor StepGradients(LossKind kind, OutputSetting setting, Tensor y, Tensor target, long T)
    {
        var dy = kind switch
        {
            LossKind.SquaredError => y - target,
            LossKind.CrossEntropy => y.softmax(-1) - nn.functional.one_hot(target, y.shape[^1]).to_type(y.dtype),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "expected SquaredError or CrossEntropy"),
        };
        if (setting == OutputSetting.ManyToMany) return dy;
        return cat([zeros(T - 1, dy.shape[0], dy.shape[1], dtype: dy.dtype), dy.unsqueeze(0)], 0);
    }

    /// <summary>dV = Σ_t dy_tᵀ h_t and dc = Σ_t dy_t over the given steps (0-based, end exclusive).</summary>
    public static (Tensor dV, Tensor dc) ParameterGradients(Tensor dys, Tensor hs, long from, long to)
    {
        var dy = dys[TensorIndex.Slice(from, to)];
        var h = hs[TensorIndex.Slice(from, to)];
        var dV = dy.reshape(-1, dy.shape[^1]).T.matmul(h.reshape(-1, h.shape[^1]));
        var dc = dy.sum([0L, 1L]);
        return (dV, dc);
    }

    /// <summary>Checks the target's shape and dtype against the outputs the setting produces.</summary>
    public static void CheckTarget(LossKind kind, OutputSetting setting, Tensor target, long T, long B, long k)
    {
        long[] expected = (kind, setting) switch
        {
            (LossKind.SquaredError, OutputSetting.ManyToMany) => [T, B, k],
            (LossKind.SquaredError, OutputSetting.ManyToOne) => [B, k],
            (LossKind.CrossEntropy, OutputSetting.ManyToMany) => [T, B],
            _ => [B],
        };
        if (!target.shape.SequenceEqual(expected))
            throw new ArgumentException(
                $"target for {kind} {setting}: expected shape ({string.Join(", ", expected)}), got ({string.Join(", ", target.shape)})",
                nameof(target));
        if (kind == LossKind.CrossEntropy && target.dtype != ScalarType.Int64)
            throw new ArgumentException($"target for CrossEntropy: expected class indices of dtype Int64, got {target.dtype}", nameof(target));
    }
}

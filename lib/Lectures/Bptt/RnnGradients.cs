using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// The loss of a vanilla RNN and its gradient with respect to every parameter and the initial state.
/// For a truncated window, <paramref name="dh0"/> is the gradient with respect to the state the window starts from.
/// </summary>
/// <param name="Loss">L = Σ_t L_t over the steps whose losses were included.</param>
/// <param name="dW">dL/dW (d×d).</param>
/// <param name="dU">dL/dU (d×n).</param>
/// <param name="db">dL/db (d); equals dL/dbias_ih and dL/dbias_hh in PyTorch's names.</param>
/// <param name="dV">dL/dV (k×d).</param>
/// <param name="dc">dL/dc (k).</param>
/// <param name="dh0">dL/dh_0 (B×d).</param>
/// <param name="StepTermsW">
/// Optional (T, T, d, d): entry [t−1, k−1] is the lecture's term ∂L_t/∂h_t · ∂h_t/∂h_k · ∂⁺h_k/∂W, the part of dL_t/dW
/// that flows back to step k (zero for k &gt; t). Summing over k gives dL_t/dW, over t and k gives dW.
/// </param>
public sealed record RnnGradients(double Loss, Tensor dW, Tensor dU, Tensor db, Tensor dV, Tensor dc, Tensor dh0, Tensor? StepTermsW = null)
{
    /// <summary>The gradients by parameter name ("W", "U", "b", "V", "c", "h0"), for <see cref="GradientCheck.Compare"/>.</summary>
    public IReadOnlyDictionary<string, Tensor> Named() =>
        new Dictionary<string, Tensor> { ["W"] = dW, ["U"] = dU, ["b"] = db, ["V"] = dV, ["c"] = dc, ["h0"] = dh0 };

    /// <summary>The gradient of the sum of two losses; step terms are not carried over.</summary>
    internal RnnGradients Plus(RnnGradients other) =>
        new(Loss + other.Loss, dW + other.dW, dU + other.dU, db + other.db, dV + other.dV, dc + other.dc, dh0 + other.dh0);

    internal RnnGradients MoveToOuterDisposeScope()
    {
        foreach (var t in new[] { dW, dU, db, dV, dc, dh0 }) t.MoveToOuterDisposeScope();
        StepTermsW?.MoveToOuterDisposeScope();
        return this;
    }
}

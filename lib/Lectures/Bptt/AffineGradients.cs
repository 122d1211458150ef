using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// The weight and bias gradients of an affine map a_t = W u_t + bias that every step applies with the same W:
/// dW = Σ_t da_tᵀ u_t and dbias = Σ_t da_t. The steps' rows are stacked, so each sum is one matmul, not T of them.
/// </summary>
internal static class AffineGradients
{
    /// <summary>dW (out × in) and dbias (out) from da (T, B, out) and u (T, B, in), or any stack of rows (…, out) and (…, in).</summary>
    public static (Tensor dW, Tensor dbias) Sum(Tensor da, Tensor u)
    {
        var rows = da.reshape(-1, da.shape[^1]);
        return (rows.T.mm(u.reshape(-1, u.shape[^1])), rows.sum(0L));
    }
}

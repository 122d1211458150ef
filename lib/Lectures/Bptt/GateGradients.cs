using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>Sums per-step gate gradients into weight gradients, shared by the LSTM and GRU backward passes.</summary>
internal static class GateGradients
{
    /// <summary>
    /// For a_t = W u_t + bias with da_t (B, G·H) for t = 1..T and u_t stacked as (T, B, ·):
    /// dW = Σ_t da_tᵀ u_t and dbias = Σ_t da_t, each as one matmul / sum over all steps and rows.
    /// </summary>
    public static (Tensor dW, Tensor dbias) Sum(Tensor[] da, Tensor u)
    {
        var daAll = stack(da, 0).reshape(-1, da[0].shape[1]);
        return (daAll.T.matmul(u.reshape(-1, u.shape[^1])), daAll.sum(0L));
    }
}

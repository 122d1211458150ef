using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>What <see cref="GruBptt.StepForward"/> keeps for <see cref="GruBptt.StepBackward"/>, (B, H) each.</summary>
/// <param name="r">The reset gate r_t.</param>
/// <param name="z">The update gate z_t (PyTorch's: the weight of the old state).</param>
/// <param name="n">The candidate n_t.</param>
/// <param name="hw_n">W_hn h_{t−1} + b_hn, which the reset gate multiplies.</param>
/// <param name="h_prev">The previous state h_{t−1}.</param>
public sealed record GruStepCache(Tensor r, Tensor z, Tensor n, Tensor hw_n, Tensor h_prev) : IStepCache<GruStepCache>
{
    Tensor[] IStepCache<GruStepCache>.Tensors => [r, z, n, hw_n, h_prev];

    static GruStepCache IStepCache<GruStepCache>.FromTensors(Tensor[] t) => new(t[0], t[1], t[2], t[3], t[4]);
}

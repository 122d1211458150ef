using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>What <see cref="RnnBptt.StepForward"/> keeps for <see cref="RnnBptt.StepBackward"/>, (B, d) each.</summary>
/// <param name="a">The pre-activation a_t = W h_{t−1} + U x_t + b.</param>
/// <param name="h">The new state h_t = f(a_t).</param>
public sealed record RnnStepCache(Tensor a, Tensor h) : IStepCache<RnnStepCache>
{
    Tensor[] IStepCache<RnnStepCache>.Tensors => [a, h];

    static RnnStepCache IStepCache<RnnStepCache>.FromTensors(Tensor[] t) => new(t[0], t[1]);
}

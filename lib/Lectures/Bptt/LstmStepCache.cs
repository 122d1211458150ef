using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>What <see cref="LstmBptt.StepForward"/> keeps for <see cref="LstmBptt.StepBackward"/>: the gates and the cell states, (B, H) each.</summary>
/// <param name="i">The input gate i_t = σ(a_i).</param>
/// <param name="f">The forget gate f_t = σ(a_f).</param>
/// <param name="g">The candidate g_t = tanh(a_g).</param>
/// <param name="o">The output gate o_t = σ(a_o).</param>
/// <param name="c_prev">The previous cell state c_{t−1}.</param>
/// <param name="tanh_c">tanh(c_t).</param>
public sealed record LstmStepCache(Tensor i, Tensor f, Tensor g, Tensor o, Tensor c_prev, Tensor tanh_c) : IStepCache<LstmStepCache>
{
    Tensor[] IStepCache<LstmStepCache>.Tensors => [i, f, g, o, c_prev, tanh_c];

    static LstmStepCache IStepCache<LstmStepCache>.FromTensors(Tensor[] t) => new(t[0], t[1], t[2], t[3], t[4], t[5]);
}

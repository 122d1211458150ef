using Lectures.Bptt;
using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>
/// The GRU step in PyTorch's form (gate rows r, z, n), <see cref="GruBptt.StepForward"/>. Two differences from
/// lecture 001's equations, both so weights copy to and from TorchSharp's GRU: the reset gate multiplies
/// W_hn h_{t−1} + b_hn after the matmul, and z weights the OLD state, h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
/// (the lecture's z is 1 − z here).
/// </summary>
internal sealed class GruRecurrence : Recurrence
{
    public override int Gates => 3;

    public override string[] GateNames => ["r", "z", "n"];

    /// <summary>Only b_ih goes into the input projection: b_hn must stay inside r ⊙ (W_hn h + b_hn).</summary>
    public override Tensor ProjectInput(Tensor x, Tensor w_ih, Tensor? b_ih, Tensor? b_hh) => Affine(x, w_ih.t(), b_ih);

    public override Tensor[] Step(Tensor xp, Tensor[] state, Tensor w_hh, Tensor? b_hh, List<Tensor>? gates)
    {
        var (h, cache) = GruBptt.StepForward(xp, state[0], w_hh, b_hh);
        gates?.AddRange([cache.r, cache.z, cache.n]);
        return [h];
    }

    public override Tensor[] RunWithManualBptt(Tensor x, Tensor[] state, Tensor w_ih, Tensor w_hh, Tensor? b_ih, Tensor? b_hh) =>
        [.. GruFunction.apply(x, state[0], w_ih, w_hh, b_ih!, b_hh!)];
}

using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>
/// The GRU step in PyTorch's form (gate rows r, z, n). Two differences from lecture 001's equations, both so
/// weights copy to and from TorchSharp's GRU: the reset gate multiplies W_hn h_{t−1} + b_hn after the matmul,
/// and z weights the OLD state, h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1} (the lecture's z is 1 − z here).
/// </summary>
internal sealed class GruRecurrence : Recurrence
{
    public override int Gates => 3;

    public override string[] GateNames => ["r", "z", "n"];

    /// <summary>Only b_ih goes into the input projection: b_hn must stay inside r ⊙ (W_hn h + b_hn).</summary>
    public override Tensor ProjectInput(Tensor x, Tensor w_ih, Tensor? b_ih, Tensor? b_hh) => Affine(x, w_ih.t(), b_ih);

    public override Tensor[] Step(Tensor xp, Tensor[] state, Tensor w_hhT, Tensor? b_hh, List<Tensor>? gates)
    {
        var h = state[0];
        var hidden = h.shape[1];
        var hp = Affine(h, w_hhT, b_hh);                           // W_hh h_{t−1} + b_hh, all three blocks at once
        var (x_rz, x_n) = Split(xp, hidden);
        var (h_rz, h_n) = Split(hp, hidden);
        var rz = (x_rz + h_rz).sigmoid().chunk(2, 1);              // [r_t z_t] = σ(W_i{r,z} x_t + W_h{r,z} h_{t−1} + b)
        var (r, z) = (rz[0], rz[1]);
        var n = x_n.addcmul(r, h_n, 1).tanh();                     // n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))
        h = n.lerp(h, z);                                          // h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
        gates?.AddRange([r, z, n]);
        return [h];
    }

    private static (Tensor rz, Tensor n) Split(Tensor t, long hidden)
    {
        var parts = t.split([2 * hidden, hidden], 1);
        return (parts[0], parts[1]);
    }
}

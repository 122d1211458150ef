using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>
/// The LSTM step. Gate rows are stacked like PyTorch's: i, f, g, o (the popular cell) or i, g, o (the original
/// cell of lecture 001, which has no forget gate: c_t = c_{t−1} + i_t ⊙ g_t).
/// </summary>
internal sealed class LstmRecurrence(bool forgetGate) : Recurrence
{
    public bool ForgetGate { get; } = forgetGate;

    public override int Gates => ForgetGate ? 4 : 3;

    public override int States => 2;

    public override string[] GateNames => ForgetGate ? ["i", "f", "g", "o"] : ["i", "g", "o"];

    public override Tensor[] Step(Tensor xp, Tensor[] state, Tensor w_hhT, Tensor? b_hh, List<Tensor>? gates)
    {
        var (h, c) = (state[0], state[1]);
        var z = xp.addmm(h, w_hhT).chunk(Gates, 1);             // [z_i z_f z_g z_o] = W_ih x_t + W_hh h_{t−1} + b
        if (!ForgetGate) return OriginalStep(z, c, gates);
        var i = z[0].sigmoid();                                  // i_t = σ(z_i)      input gate
        var f = z[1].sigmoid();                                  // f_t = σ(z_f)      forget gate
        var g = z[2].tanh();                                     // g_t = tanh(z_g)   candidate
        var o = z[3].sigmoid();                                  // o_t = σ(z_o)      output gate
        c = (f * c).addcmul(i, g, 1);                            // c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
        h = o * c.tanh();                                        // h_t = o_t ⊙ tanh(c_t)
        gates?.AddRange([i, f, g, o]);
        return [h, c];
    }

    private static Tensor[] OriginalStep(Tensor[] z, Tensor c, List<Tensor>? gates)
    {
        var i = z[0].sigmoid();                                  // i_t = σ(z_i)
        var g = z[1].tanh();                                     // g_t = tanh(z_g)
        var o = z[2].sigmoid();                                  // o_t = σ(z_o)
        c = c.addcmul(i, g, 1);                                  // c_t = c_{t−1} + i_t ⊙ g_t   (no forget gate)
        var h = o * c.tanh();                                    // h_t = o_t ⊙ tanh(c_t)
        gates?.AddRange([i, g, o]);
        return [h, c];
    }
}

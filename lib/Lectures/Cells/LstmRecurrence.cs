using Lectures.Bptt;
using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>
/// The LSTM step. Gate rows are stacked like PyTorch's: i, f, g, o (the popular cell, <see cref="LstmBptt.StepForward"/>)
/// or i, g, o (the original cell of lecture 001, which has no forget gate: c_t = c_{t−1} + i_t ⊙ g_t).
/// </summary>
internal sealed class LstmRecurrence(bool forgetGate) : Recurrence
{
    public bool ForgetGate { get; } = forgetGate;

    public override int Gates => ForgetGate ? 4 : 3;

    public override int States => 2;

    public override string[] GateNames => ForgetGate ? ["i", "f", "g", "o"] : ["i", "g", "o"];

    public override string? ManualBpttUnsupported =>
        ForgetGate ? null : "the original LSTM (forgetGate: false) has no hand-written BPTT; use the default autograd backward";

    public override Tensor[] Step(Tensor xp, Tensor[] state, Tensor w_hh, Tensor? b_hh, List<Tensor>? gates)
    {
        if (!ForgetGate) return OriginalStep(xp, state, w_hh, gates);
        var (h, c, cache) = LstmBptt.StepForward(xp, state[0], state[1], w_hh);
        gates?.AddRange([cache.i, cache.f, cache.g, cache.o]);
        return [h, c];
    }

    public override Tensor[] RunWithManualBptt(Tensor x, Tensor[] state, Tensor w_ih, Tensor w_hh, Tensor? b_ih, Tensor? b_hh) =>
        [.. LstmFunction.apply(x, state[0], state[1], w_ih, w_hh, b_ih!, b_hh!)];

    private static Tensor[] OriginalStep(Tensor xp, Tensor[] state, Tensor w_hh, List<Tensor>? gates)
    {
        var z = nn.functional.linear(state[0], w_hh, xp).chunk(3, 1);   // [z_i z_g z_o] = W_hh h_{t−1} + (W_ih x_t + b)
        var i = z[0].sigmoid();                                  // i_t = σ(z_i)
        var g = z[1].tanh();                                     // g_t = tanh(z_g)
        var o = z[2].sigmoid();                                  // o_t = σ(z_o)
        var c = state[1].addcmul(i, g, 1);                       // c_t = c_{t−1} + i_t ⊙ g_t   (no forget gate)
        var h = o * c.tanh();                                    // h_t = o_t ⊙ tanh(c_t)
        gates?.AddRange([i, g, o]);
        return [h, c];
    }
}

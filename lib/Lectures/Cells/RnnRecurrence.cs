using Lectures.Bptt;
using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>The vanilla RNN step h_t = f(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh), <see cref="RnnBptt.StepForward"/>.</summary>
internal sealed class RnnRecurrence(RnnActivation activation) : Recurrence
{
    public override int Gates => 1;

    public override string[] GateNames => [];

    public RnnActivation Activation { get; } = activation;

    public override Tensor[] Step(Tensor xp, Tensor[] state, Tensor w_hh, Tensor? b_hh, List<Tensor>? gates) =>
        [RnnBptt.StepForward(xp, state[0], w_hh, Activation).h];

    public override Tensor[] RunWithManualBptt(Tensor x, Tensor[] state, Tensor w_ih, Tensor w_hh, Tensor? b_ih, Tensor? b_hh) =>
        [.. RnnFunction.apply(x, state[0], w_ih, w_hh, b_ih!, b_hh!, Activation)];
}

using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>The vanilla RNN step h_t = f(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh).</summary>
internal sealed class RnnRecurrence(RnnActivation activation) : Recurrence
{
    public override int Gates => 1;

    public override string[] GateNames => [];

    public RnnActivation Activation { get; } = activation;

    public override Tensor[] Step(Tensor xp, Tensor[] state, Tensor w_hhT, Tensor? b_hh, List<Tensor>? gates)
    {
        var a = xp.addmm(state[0], w_hhT);                 // a_t = (W_ih x_t + b) + W_hh h_{t−1}
        return [Squash(a)];                                // h_t = f(a_t)
    }

    private Tensor Squash(Tensor a) => Activation switch
    {
        RnnActivation.Tanh => a.tanh(),
        RnnActivation.Relu => a.relu(),
        RnnActivation.Logistic => a.sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(Activation), Activation, "unknown RNN activation"),
    };
}

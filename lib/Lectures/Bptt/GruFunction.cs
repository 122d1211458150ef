using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>One GRU layer and direction whose backward is <see cref="GruBptt"/>'s: arguments x, h0, weights and biases.</summary>
internal sealed class GruFunction : BpttFunction<GruFunction, GruStepCache>
{
    /// <inheritdoc />
    public override string Name => nameof(GruFunction);

    /// <inheritdoc />
    protected override int States => 1;

    /// <summary>Only b_ih: b_hn must stay inside r ⊙ (W_hn h + b_hn).</summary>
    protected override Tensor Project(Tensor x, Tensor w_ih, Tensor? b_ih, Tensor? b_hh) => nn.functional.linear(x, w_ih, b_ih);

    /// <inheritdoc />
    protected override (Tensor[] h, Tensor[] otherFinal, GruStepCache[] caches) Forward(Tensor[] xw, Tensor[] state, Tensor w_hh,
        Tensor? b_hh, object? option)
    {
        var (h, caches) = GruBptt.SequenceForward(xw, state[0], w_hh, b_hh);
        return (h, [], caches);
    }

    /// <inheritdoc />
    protected override (Tensor[] dxw, Tensor[] dhw, Tensor[] dstate) Backward(Tensor[] dh_out, Tensor[] dfinal, GruStepCache[] caches,
        Tensor w_hh, object? option)
    {
        var (dxw, dhw, dh0) = GruBptt.SequenceBackward(dh_out, dfinal[0], caches, w_hh);
        return (dxw, dhw, [dh0]);
    }
}

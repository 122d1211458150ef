using Lectures.Cells;
using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// One vanilla RNN layer and direction whose backward is <see cref="RnnBptt"/>'s: arguments x, h0, weights, biases and
/// the <see cref="RnnActivation"/>.
/// </summary>
internal sealed class RnnFunction : BpttFunction<RnnFunction, RnnStepCache>
{
    /// <inheritdoc />
    public override string Name => nameof(RnnFunction);

    /// <inheritdoc />
    protected override int States => 1;

    /// <inheritdoc />
    protected override (Tensor[] h, Tensor[] otherFinal, RnnStepCache[] caches) Forward(Tensor[] xw, Tensor[] state, Tensor w_hh,
        Tensor? b_hh, object? option)
    {
        var (h, caches) = RnnBptt.SequenceForward(xw, state[0], w_hh, (RnnActivation)option!);
        return (h, [], caches);
    }

    /// <inheritdoc />
    protected override (Tensor[] dxw, Tensor[] dhw, Tensor[] dstate) Backward(Tensor[] dh_out, Tensor[] dfinal, RnnStepCache[] caches,
        Tensor w_hh, object? option)
    {
        var (da, dh0) = RnnBptt.SequenceBackward(dh_out, dfinal[0], caches, w_hh, (RnnActivation)option!);
        return (da, da, [dh0]);
    }
}

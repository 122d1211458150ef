using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>One LSTM layer and direction whose backward is <see cref="LstmBptt"/>'s: arguments x, h0, c0, weights and biases.</summary>
internal sealed class LstmFunction : BpttFunction<LstmFunction, LstmStepCache>
{
    /// <inheritdoc />
    public override string Name => nameof(LstmFunction);

    /// <inheritdoc />
    protected override int States => 2;

    /// <inheritdoc />
    protected override (Tensor[] h, Tensor[] otherFinal, LstmStepCache[] caches) Forward(Tensor[] xw, Tensor[] state, Tensor w_hh,
        Tensor? b_hh, object? option)
    {
        var (h, c, caches) = LstmBptt.SequenceForward(xw, state[0], state[1], w_hh);
        return (h, [c], caches);
    }

    /// <inheritdoc />
    protected override (Tensor[] dxw, Tensor[] dhw, Tensor[] dstate) Backward(Tensor[] dh_out, Tensor[] dfinal, LstmStepCache[] caches,
        Tensor w_hh, object? option)
    {
        var (da, dh0, dc0) = LstmBptt.SequenceBackward(dh_out, dfinal[0], dfinal[1], caches, w_hh);
        return (da, da, [dh0, dc0]);
    }
}

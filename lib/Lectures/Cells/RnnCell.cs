using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>
/// The vanilla RNN cell, one time step: h_t = f(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh), with f = tanh, ReLU or the
/// logistic sigmoid. Lecture 002 writes the same step as h_t = tanh(W h_{t−1} + U x_t + b): U is weight_ih, W is
/// weight_hh, b is bias_ih + bias_hh. Parameters are named and shaped like TorchSharp's <c>nn.RNNCell</c>, so
/// <c>load_state_dict</c> copies weights both ways.
/// </summary>
public sealed class RnnCell : RecurrentCell<Tensor?, Tensor>
{
    /// <summary>Creates the cell with PyTorch's initialisation U(−1/√hidden, 1/√hidden).</summary>
    /// <param name="inputSize">Features per input x_t.</param>
    /// <param name="hiddenSize">Features in the hidden state h_t.</param>
    /// <param name="bias">Whether to use bias_ih and bias_hh.</param>
    /// <param name="activation">The squashing function f.</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    /// <param name="dtype">The parameters' dtype (float32 when null).</param>
    public RnnCell(long inputSize, long hiddenSize, bool bias = true, RnnActivation activation = RnnActivation.Tanh,
        Device? device = null, ScalarType? dtype = null)
        : base(nameof(RnnCell), new RnnRecurrence(activation), inputSize, hiddenSize, bias, device, dtype)
    {
        Activation = activation;
    }

    /// <summary>The squashing function f.</summary>
    public RnnActivation Activation { get; }

    /// <summary>One step: input [batch, input_size] (or unbatched [input_size]) and h_{t−1} (zeros when null) → h_t.</summary>
    /// <param name="input">x_t, [batch, input_size] or [input_size].</param>
    /// <param name="h0">h_{t−1}, [batch, hidden_size] or [hidden_size]; zeros when null.</param>
    public override Tensor forward(Tensor input, Tensor? h0 = null)
    {
        using var scope = NewDisposeScope();
        var h = Step(input, h0 is null ? null : [h0], ["h0"])[0];
        return scope.MoveToOuter(h);
    }
}

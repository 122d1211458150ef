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
public sealed class RnnCell : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly RnnRecurrence recurrence;

    /// <summary>Creates the cell with PyTorch's initialisation U(−1/√hidden, 1/√hidden).</summary>
    /// <param name="inputSize">Features per input x_t.</param>
    /// <param name="hiddenSize">Features in the hidden state h_t.</param>
    /// <param name="bias">Whether to use bias_ih and bias_hh.</param>
    /// <param name="activation">The squashing function f.</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    /// <param name="dtype">The parameters' dtype (float32 when null).</param>
    public RnnCell(long inputSize, long hiddenSize, bool bias = true, RnnActivation activation = RnnActivation.Tanh,
        Device? device = null, ScalarType? dtype = null) : base(nameof(RnnCell))
    {
        (InputSize, HiddenSize, Activation) = (inputSize, hiddenSize, activation);
        recurrence = new RnnRecurrence(activation);
        CellCore.RegisterParameters(this, "", inputSize, hiddenSize, recurrence.Gates, bias, device, dtype);
    }

    /// <summary>Features per input x_t.</summary>
    public long InputSize { get; }

    // The private setters are how TorchSharp's .to(dtype/device) swaps in the converted parameters.
    /// <summary>W_ih, the input weights of all gates stacked, [hidden_size, input_size].</summary>
    public Parameter weight_ih { get => get_parameter(nameof(weight_ih))!; private set => ConditionallyRegisterParameter(nameof(weight_ih), value); }

    /// <summary>W_hh, the recurrent weights of all gates stacked, [hidden_size, hidden_size].</summary>
    public Parameter weight_hh { get => get_parameter(nameof(weight_hh))!; private set => ConditionallyRegisterParameter(nameof(weight_hh), value); }

    /// <summary>b_ih, [hidden_size], or null without bias.</summary>
    public Parameter? bias_ih { get => get_parameter(nameof(bias_ih)); private set => ConditionallyRegisterParameter(nameof(bias_ih), value); }

    /// <summary>b_hh, [hidden_size], or null without bias.</summary>
    public Parameter? bias_hh { get => get_parameter(nameof(bias_hh)); private set => ConditionallyRegisterParameter(nameof(bias_hh), value); }

    /// <summary>Features in the hidden state h_t.</summary>
    public long HiddenSize { get; }

    /// <summary>The squashing function f.</summary>
    public RnnActivation Activation { get; }

    /// <summary>One step: input [batch, input_size] (or unbatched [input_size]) and h_{t−1} (zeros when null) → h_t.</summary>
    /// <param name="input">x_t, [batch, input_size] or [input_size].</param>
    /// <param name="h0">h_{t−1}, [batch, hidden_size] or [hidden_size]; zeros when null.</param>
    public override Tensor forward(Tensor input, Tensor? h0 = null)
    {
        using var scope = NewDisposeScope();
        var h = CellCore.Step(nameof(RnnCell), this, recurrence, InputSize, HiddenSize, input,
            h0 is null ? null : [h0], ["h0"])[0];
        return scope.MoveToOuter(h);
    }
}

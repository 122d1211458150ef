using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>
/// The LSTM cell, one time step (lectures 001 and 003), with gate rows stacked i, f, g, o like TorchSharp's
/// <c>nn.LSTMCell</c> so <c>load_state_dict</c> copies weights both ways:
/// i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o) where z = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh;
/// c_t = f ⊙ c_{t−1} + i ⊙ g; h_t = o ⊙ tanh(c_t).
/// With <c>forgetGate: false</c> it is the original LSTM of lecture 001 (rows i, g, o; c_t = c_{t−1} + i ⊙ g),
/// which has no TorchSharp counterpart.
/// </summary>
public sealed class LstmCell : nn.Module<Tensor, (Tensor h, Tensor c)?, (Tensor h, Tensor c)>
{
    private readonly LstmRecurrence recurrence;

    /// <summary>Creates the cell with PyTorch's initialisation U(−1/√hidden, 1/√hidden).</summary>
    /// <param name="inputSize">Features per input x_t.</param>
    /// <param name="hiddenSize">Features in h_t and in the cell state c_t.</param>
    /// <param name="bias">Whether to use bias_ih and bias_hh.</param>
    /// <param name="forgetGate">true: the popular LSTM; false: the original LSTM without a forget gate.</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    /// <param name="dtype">The parameters' dtype (float32 when null).</param>
    public LstmCell(long inputSize, long hiddenSize, bool bias = true, bool forgetGate = true,
        Device? device = null, ScalarType? dtype = null) : base(nameof(LstmCell))
    {
        (InputSize, HiddenSize, ForgetGate) = (inputSize, hiddenSize, forgetGate);
        recurrence = new LstmRecurrence(forgetGate);
        CellCore.RegisterParameters(this, "", inputSize, hiddenSize, recurrence.Gates, bias, device, dtype);
    }

    /// <summary>Features per input x_t.</summary>
    public long InputSize { get; }

    // The private setters are how TorchSharp's .to(dtype/device) swaps in the converted parameters.
    /// <summary>W_ih, the input weights of all gates stacked with gates = 4 (i, f, g, o; 3 without forget gate: i, g, o), [gates·hidden_size, input_size].</summary>
    public Parameter weight_ih { get => get_parameter(nameof(weight_ih))!; private set => ConditionallyRegisterParameter(nameof(weight_ih), value); }

    /// <summary>W_hh, the recurrent weights of all gates stacked, [gates·hidden_size, hidden_size].</summary>
    public Parameter weight_hh { get => get_parameter(nameof(weight_hh))!; private set => ConditionallyRegisterParameter(nameof(weight_hh), value); }

    /// <summary>b_ih, [gates·hidden_size], or null without bias.</summary>
    public Parameter? bias_ih { get => get_parameter(nameof(bias_ih)); private set => ConditionallyRegisterParameter(nameof(bias_ih), value); }

    /// <summary>b_hh, [gates·hidden_size], or null without bias.</summary>
    public Parameter? bias_hh { get => get_parameter(nameof(bias_hh)); private set => ConditionallyRegisterParameter(nameof(bias_hh), value); }

    /// <summary>Features in h_t and c_t.</summary>
    public long HiddenSize { get; }

    /// <summary>Whether the cell has a forget gate (the popular LSTM) or not (the original LSTM).</summary>
    public bool ForgetGate { get; }

    /// <summary>One step: input [batch, input_size] (or unbatched [input_size]) and (h_{t−1}, c_{t−1}) → (h_t, c_t).</summary>
    /// <param name="input">x_t, [batch, input_size] or [input_size].</param>
    /// <param name="h0_c0">(h_{t−1}, c_{t−1}), each [batch, hidden_size] or [hidden_size]; zeros when null.</param>
    public override (Tensor h, Tensor c) forward(Tensor input, (Tensor h, Tensor c)? h0_c0 = null)
    {
        using var scope = NewDisposeScope();
        var state = CellCore.Step(nameof(LstmCell), this, recurrence, InputSize, HiddenSize, input,
            h0_c0 is { } s ? [s.h, s.c] : null, ["h0", "c0"]);
        return (scope.MoveToOuter(state[0]), scope.MoveToOuter(state[1]));
    }
}

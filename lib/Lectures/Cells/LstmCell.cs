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
public sealed class LstmCell : RecurrentCell<(Tensor h, Tensor c)?, (Tensor h, Tensor c)>
{
    /// <summary>Creates the cell with PyTorch's initialisation U(−1/√hidden, 1/√hidden).</summary>
    /// <param name="inputSize">Features per input x_t.</param>
    /// <param name="hiddenSize">Features in h_t and in the cell state c_t.</param>
    /// <param name="bias">Whether to use bias_ih and bias_hh.</param>
    /// <param name="forgetGate">true: the popular LSTM; false: the original LSTM without a forget gate.</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    /// <param name="dtype">The parameters' dtype (float32 when null).</param>
    public LstmCell(long inputSize, long hiddenSize, bool bias = true, bool forgetGate = true,
        Device? device = null, ScalarType? dtype = null)
        : base(nameof(LstmCell), new LstmRecurrence(forgetGate), inputSize, hiddenSize, bias, device, dtype)
    {
        ForgetGate = forgetGate;
    }

    /// <summary>Whether the cell has a forget gate (the popular LSTM) or not (the original LSTM).</summary>
    public bool ForgetGate { get; }

    /// <summary>One step: input [batch, input_size] (or unbatched [input_size]) and (h_{t−1}, c_{t−1}) → (h_t, c_t).</summary>
    /// <param name="input">x_t, [batch, input_size] or [input_size].</param>
    /// <param name="h0_c0">(h_{t−1}, c_{t−1}), each [batch, hidden_size] or [hidden_size]; zeros when null.</param>
    public override (Tensor h, Tensor c) forward(Tensor input, (Tensor h, Tensor c)? h0_c0 = null)
    {
        using var scope = NewDisposeScope();
        var state = Step(input, h0_c0 is { } s ? [s.h, s.c] : null, ["h0", "c0"]);
        return (scope.MoveToOuter(state[0]), scope.MoveToOuter(state[1]));
    }
}

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
/// <para>
/// The forget-gate bias. PyTorch (and so TorchSharp) draws every bias from U(−1/√hidden, 1/√hidden), so at the start
/// f = σ(≈0) ≈ 0.5 and whatever the cell holds halves at every step: after 20 steps 0.5²⁰ ≈ 10⁻⁶ of it is left, in
/// the forward pass and in the gradient along the cell state. Gers, Schmidhuber and Cummins (2000) and Jozefowicz,
/// Zaremba and Sutskever (2015, "An empirical exploration of recurrent network architectures") start the forget
/// gate's bias at 1 instead (σ(1) ≈ 0.73, so 0.73²⁰ ≈ 0.002), which they found helps LSTMs learn long-range
/// dependencies; Keras does so by default (<c>unit_forget_bias</c>). <c>forgetBias: 1.0</c> does that here:
/// b_if = 1 and b_hf = 0, so the sum the gate sees is exactly 1; every other parameter is drawn as PyTorch draws it.
/// </para>
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
    /// <param name="forgetBias">When given, the forget gate starts with this bias (b_if = value, b_hf = 0), e.g. 1.0
    /// as Jozefowicz et al. (2015) recommend; null keeps PyTorch's initialisation, which starts it near 0.</param>
    public LstmCell(long inputSize, long hiddenSize, bool bias = true, bool forgetGate = true,
        Device? device = null, ScalarType? dtype = null, double? forgetBias = null)
        : base(nameof(LstmCell), new LstmRecurrence(forgetGate), inputSize, hiddenSize, bias, device, dtype)
    {
        ForgetGate = forgetGate;
        ForgetBias = forgetBias;
        if (forgetBias is { } value) StartForgetGate(this, nameof(LstmCell), hiddenSize, value, bias, forgetGate);
    }

    /// <summary>Whether the cell has a forget gate (the popular LSTM) or not (the original LSTM).</summary>
    public bool ForgetGate { get; }

    /// <summary>The forget-gate bias b_if + b_hf the cell started at, or null for PyTorch's initialisation.</summary>
    public double? ForgetBias { get; }

    /// <summary>
    /// Sets the forget-gate block (rows hidden..2·hidden, gate order i, f, g, o) of every bias_ih* to
    /// <paramref name="value"/> and of every bias_hh* to 0, for a cell or for each layer and direction of a layer.
    /// </summary>
    internal static void StartForgetGate(nn.Module module, string name, long hidden, double value, bool bias, bool forgetGate)
    {
        if (!forgetGate)
            throw new ArgumentException($"{name}: forgetBias needs the forget gate; got forgetGate: false (the original LSTM has none).", "forgetBias");
        if (!bias)
            throw new ArgumentException($"{name}: forgetBias needs the bias parameters; got bias: false.", "forgetBias");
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException("forgetBias", value, $"{name}: expected a finite forget-gate bias.");
        using var noGrad = no_grad();
        foreach (var (parameterName, parameter) in module.named_parameters())
        {
            if (parameterName.StartsWith("bias_ih", StringComparison.Ordinal)) parameter.narrow(0, hidden, hidden).fill_(value);
            else if (parameterName.StartsWith("bias_hh", StringComparison.Ordinal)) parameter.narrow(0, hidden, hidden).zero_();
        }
    }

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

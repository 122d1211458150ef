using Lectures.Cells;
using static TorchSharp.torch;

namespace Lectures.Layers;

/// <summary>
/// An LSTM over a whole sequence (lectures 001 and 003), step by step as in <see cref="LstmCell"/>:
/// c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t); optionally stacked and bidirectional.
/// Same constructor options, parameter names (weight_ih_l0, weight_hh_l0_reverse, ...), shapes and results as
/// TorchSharp's <c>nn.LSTM</c>, so <c>load_state_dict</c> copies weights both ways.
/// With <c>forgetGate: false</c> every layer is the original LSTM without a forget gate (no TorchSharp counterpart).
/// </summary>
public sealed class Lstm : RecurrentLayer<(Tensor h0, Tensor c0)?, (Tensor output, Tensor h_n, Tensor c_n)>
{
    /// <summary>Creates the layer with PyTorch's initialisation U(−1/√hidden, 1/√hidden).</summary>
    /// <param name="inputSize">Features per input x_t.</param>
    /// <param name="hiddenSize">Features in each hidden state h_t and cell state c_t.</param>
    /// <param name="numLayers">How many LSTMs are stacked.</param>
    /// <param name="bias">Whether to use the bias_ih_* and bias_hh_* parameters.</param>
    /// <param name="batchFirst">Input and output are [batch, seq, feature] instead of [seq, batch, feature].</param>
    /// <param name="dropout">Dropout probability on each layer's output except the last (training mode only).</param>
    /// <param name="bidirectional">Also run the sequence backwards and concatenate both outputs per step.</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    /// <param name="dtype">The parameters' dtype (float32 when null).</param>
    /// <param name="forgetGate">true: the popular LSTM; false: the original LSTM without a forget gate.</param>
    /// <param name="forgetBias">When given, every layer's and direction's forget gate starts with this bias
    /// (b_if = value, b_hf = 0; the other gates keep PyTorch's initialisation); see <see cref="LstmCell"/>.
    /// Jozefowicz, Zaremba and Sutskever (2015) recommend 1; null keeps PyTorch's U(−1/√hidden, 1/√hidden), near 0.</param>
    public Lstm(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false, Device? device = null, ScalarType? dtype = null,
        bool forgetGate = true, double? forgetBias = null)
        : base(nameof(Lstm), new LstmRecurrence(forgetGate), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout,
            bidirectional, device, dtype)
    {
        ForgetGate = forgetGate;
        ForgetBias = forgetBias;
        if (forgetBias is { } value) LstmCell.StartForgetGate(this, nameof(Lstm), hiddenSize, value, bias, forgetGate);
    }

    /// <summary>Whether the cells have a forget gate (the popular LSTM) or not (the original LSTM).</summary>
    public bool ForgetGate { get; }

    /// <summary>The forget-gate bias b_if + b_hf every layer started at, or null for PyTorch's initialisation.</summary>
    public double? ForgetBias { get; }

    private protected override Tensor[]? States((Tensor h0, Tensor c0)? h0_c0) => h0_c0 is { } s ? [s.h0, s.c0] : null;

    private protected override (Tensor output, Tensor h_n, Tensor c_n) Result(Tensor output, Tensor[] final) =>
        (output, final[0], final[1]);
}

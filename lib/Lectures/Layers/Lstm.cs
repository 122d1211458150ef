using Lectures.Cells;
using TorchSharp;
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
    public Lstm(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false, Device? device = null, ScalarType? dtype = null,
        bool forgetGate = true)
        : base(nameof(Lstm), new LstmRecurrence(forgetGate), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout,
            bidirectional, device, dtype)
    {
        ForgetGate = forgetGate;
    }

    /// <summary>Whether the cells have a forget gate (the popular LSTM) or not (the original LSTM).</summary>
    public bool ForgetGate { get; }

    /// <summary>Runs the whole sequence; see the overload with lengths, mask and trace.</summary>
    /// <param name="input">[seq, batch, input_size] ([batch, seq, input_size] if batch-first) or unbatched [seq, input_size].</param>
    /// <param name="h0_c0">Initial (h, c), each [num_layers·directions, batch, hidden_size]; zeros when null.</param>
    public override (Tensor output, Tensor h_n, Tensor c_n) forward(Tensor input, (Tensor h0, Tensor c0)? h0_c0 = null) =>
        forward(input, h0_c0, null);

    /// <summary>
    /// Runs the whole sequence. Returns the output h of the last layer at every step,
    /// [seq, batch, directions·hidden_size] (batch-first if configured), and the final states of every layer and
    /// direction, h_n and c_n [num_layers·directions, batch, hidden_size].
    /// For variable-length batches pass <paramref name="lengths"/> or <paramref name="mask"/>: padded steps leave the
    /// states unchanged, their outputs are 0 (like PyTorch's packed sequences), h_n and c_n are each sequence's states
    /// after its last real step, and the reverse direction starts at each sequence's own last real step.
    /// </summary>
    /// <param name="input">[seq, batch, input_size] ([batch, seq, input_size] if batch-first) or unbatched [seq, input_size].</param>
    /// <param name="h0_c0">Initial (h, c), each [num_layers·directions, batch, hidden_size]; zeros when null.</param>
    /// <param name="lengths">Integer tensor [batch]: real steps per sequence, the rest is padding at the end.</param>
    /// <param name="mask">Bool tensor shaped like the input's first two dimensions; true marks a real step.</param>
    /// <param name="trace">When given, receives h, c and the i, f, g, o gates per layer and direction.</param>
    public (Tensor output, Tensor h_n, Tensor c_n) forward(Tensor input, (Tensor h0, Tensor c0)? h0_c0,
        Tensor? lengths = null, Tensor? mask = null, RecurrentTrace? trace = null)
    {
        using var scope = NewDisposeScope();
        var (output, final) = Unroller.Run(this, input, h0_c0 is { } s ? [s.h0, s.c0] : null, ["h0", "c0"],
            lengths, mask, trace);
        return (scope.MoveToOuter(output), scope.MoveToOuter(final[0]), scope.MoveToOuter(final[1]));
    }
}

using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Layers;

/// <summary>
/// A vanilla RNN over a whole sequence (lectures 002–004): h_t = f(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) for
/// t = 1..T, optionally stacked (layer l+1 reads layer l's outputs) and bidirectional (outputs [h→_t; h←_t]).
/// Same constructor options, parameter names (weight_ih_l0, weight_hh_l0_reverse, ...), shapes and results as
/// TorchSharp's <c>nn.RNN</c>, so <c>load_state_dict</c> copies weights both ways.
/// </summary>
public sealed class Rnn : RecurrentLayer<Tensor?, (Tensor output, Tensor h_n)>
{
    /// <summary>Creates the layer with PyTorch's initialisation U(−1/√hidden, 1/√hidden).</summary>
    /// <param name="inputSize">Features per input x_t.</param>
    /// <param name="hiddenSize">Features in each hidden state h_t.</param>
    /// <param name="numLayers">How many RNNs are stacked.</param>
    /// <param name="activation">The squashing function f.</param>
    /// <param name="bias">Whether to use the bias_ih_* and bias_hh_* parameters.</param>
    /// <param name="batchFirst">Input and output are [batch, seq, feature] instead of [seq, batch, feature].</param>
    /// <param name="dropout">Dropout probability on each layer's output except the last (training mode only).</param>
    /// <param name="bidirectional">Also run the sequence backwards and concatenate both outputs per step.</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    /// <param name="dtype">The parameters' dtype (float32 when null).</param>
    public Rnn(long inputSize, long hiddenSize, long numLayers = 1, RnnActivation activation = RnnActivation.Tanh,
        bool bias = true, bool batchFirst = false, double dropout = 0, bool bidirectional = false,
        Device? device = null, ScalarType? dtype = null)
        : base(nameof(Rnn), new RnnRecurrence(activation), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout,
            bidirectional, device, dtype)
    {
        Activation = activation;
    }

    /// <summary>The squashing function f.</summary>
    public RnnActivation Activation { get; }

    /// <summary>Runs the whole sequence; see the overload with lengths, mask and trace.</summary>
    /// <param name="input">[seq, batch, input_size] ([batch, seq, input_size] if batch-first) or unbatched [seq, input_size].</param>
    /// <param name="h0">Initial states [num_layers·directions, batch, hidden_size]; zeros when null.</param>
    public override (Tensor output, Tensor h_n) forward(Tensor input, Tensor? h0 = null) => forward(input, h0, null);

    /// <summary>
    /// Runs the whole sequence. Returns the output of the last layer at every step,
    /// [seq, batch, directions·hidden_size] (batch-first if configured), and the final state of every layer and
    /// direction, h_n [num_layers·directions, batch, hidden_size].
    /// For variable-length batches pass <paramref name="lengths"/> or <paramref name="mask"/>: padded steps leave the
    /// state unchanged, their outputs are 0 (like PyTorch's packed sequences), h_n is each sequence's state after its
    /// last real step, and the reverse direction starts at each sequence's own last real step.
    /// </summary>
    /// <param name="input">[seq, batch, input_size] ([batch, seq, input_size] if batch-first) or unbatched [seq, input_size].</param>
    /// <param name="h0">Initial states [num_layers·directions, batch, hidden_size]; zeros when null.</param>
    /// <param name="lengths">Integer tensor [batch]: real steps per sequence, the rest is padding at the end.</param>
    /// <param name="mask">Bool tensor shaped like the input's first two dimensions; true marks a real step.</param>
    /// <param name="trace">When given, receives the hidden states per layer and direction.</param>
    public (Tensor output, Tensor h_n) forward(Tensor input, Tensor? h0, Tensor? lengths = null, Tensor? mask = null,
        RecurrentTrace? trace = null)
    {
        using var scope = NewDisposeScope();
        var (output, final) = Unroller.Run(this, input, h0 is null ? null : [h0], ["h0"], lengths, mask, trace);
        return (scope.MoveToOuter(output), scope.MoveToOuter(final[0]));
    }
}

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

    private protected override Tensor[]? States(Tensor? h0) => h0 is null ? null : [h0];

    private protected override (Tensor output, Tensor h_n) Result(Tensor output, Tensor[] final) => (output, final[0]);
}

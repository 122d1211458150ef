using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Layers;

/// <summary>
/// A GRU over a whole sequence (lecture 001), step by step as in <see cref="GruCell"/>: r, z, n gates and
/// h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}; optionally stacked and bidirectional.
/// Same constructor options, parameter names (weight_ih_l0, weight_hh_l0_reverse, ...), shapes and results as
/// TorchSharp's <c>nn.GRU</c>, so <c>load_state_dict</c> copies weights both ways.
/// </summary>
public sealed class Gru : RecurrentLayer<Tensor?, (Tensor output, Tensor h_n)>
{
    /// <summary>Creates the layer with PyTorch's initialisation U(−1/√hidden, 1/√hidden).</summary>
    /// <param name="inputSize">Features per input x_t.</param>
    /// <param name="hiddenSize">Features in each hidden state h_t.</param>
    /// <param name="numLayers">How many GRUs are stacked.</param>
    /// <param name="bias">Whether to use the bias_ih_* and bias_hh_* parameters.</param>
    /// <param name="batchFirst">Input and output are [batch, seq, feature] instead of [seq, batch, feature].</param>
    /// <param name="dropout">Dropout probability on each layer's output except the last (training mode only).</param>
    /// <param name="bidirectional">Also run the sequence backwards and concatenate both outputs per step.</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    /// <param name="dtype">The parameters' dtype (float32 when null).</param>
    public Gru(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false, Device? device = null, ScalarType? dtype = null)
        : base(nameof(Gru), new GruRecurrence(), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout,
            bidirectional, device, dtype)
    {
    }

    private protected override Tensor[]? States(Tensor? h0) => h0 is null ? null : [h0];

    private protected override (Tensor output, Tensor h_n) Result(Tensor output, Tensor[] final) => (output, final[0]);
}

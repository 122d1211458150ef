using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Layers;

/// <summary>
/// What <see cref="Rnn"/>, <see cref="Lstm"/> and <see cref="Gru"/> share: the options of TorchSharp's recurrent
/// modules and the unrolling of one cell's recurrence over time, layers and directions.
/// </summary>
/// <typeparam name="TState">The initial state: h0, or (h0, c0) for the LSTM.</typeparam>
/// <typeparam name="TResult">The output at every step and the final state(s).</typeparam>
public abstract class RecurrentLayer<TState, TResult> : nn.Module<Tensor, TState, TResult>
{
    private protected RecurrentLayer(string name, Recurrence recurrence, long inputSize, long hiddenSize,
        long numLayers, bool bias, bool batchFirst, double dropout, bool bidirectional, Device? device,
        ScalarType? dtype) : base(name)
    {
        Unroller = new Unroller(name, recurrence, inputSize, hiddenSize, numLayers, batchFirst, dropout, bidirectional);
        Unroller.RegisterParameters(this, bias, device, dtype);
    }

    private protected Unroller Unroller { get; }

    /// <summary>Features per input x_t.</summary>
    public long InputSize => Unroller.InputSize;

    /// <summary>Features in each hidden state (and cell state).</summary>
    public long HiddenSize => Unroller.HiddenSize;

    /// <summary>How many layers are stacked.</summary>
    public long NumLayers => Unroller.NumLayers;

    /// <summary>Whether input and output are [batch, seq, feature].</summary>
    public bool BatchFirst => Unroller.BatchFirst;

    /// <summary>Dropout probability between layers.</summary>
    public double Dropout => Unroller.Dropout;

    /// <summary>Whether the layer also runs backwards in time.</summary>
    public bool Bidirectional => Unroller.Bidirectional;

    /// <summary>
    /// The fast path for training, off by default. When true and gradients are recorded, each layer and direction
    /// runs as one custom autograd function whose backward pass is the library's hand-written BPTT
    /// (<c>Lectures.Bptt</c>): the forward records no autograd graph, only the caches of the step functions, and the
    /// backward runs the BPTT loop once. Outputs and every gradient equal the default path's (autograd through every
    /// step, which the notebooks teach with), to rounding. Stacked, bidirectional, batch-first, unbatched, bias-free
    /// layers and dropout are supported; lengths, masks and traces are not while gradients are recorded (a clear
    /// error says so), nor the original LSTM without a forget gate. Under <c>no_grad</c> it changes nothing.
    /// </summary>
    /// <example><code>var lstm = new Lstm(64, 128) { ManualBptt = true };</code></example>
    public bool ManualBptt { get => Unroller.ManualBptt; set => Unroller.ManualBptt = value; }
}

using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Layers;

/// <summary>
/// What <see cref="Rnn"/>, <see cref="Lstm"/> and <see cref="Gru"/> share: the options of TorchSharp's recurrent
/// modules, the unrolling of one cell's recurrence over time, layers and directions, the non-generic
/// <see cref="Run"/> and the typed <c>forward</c> built on it.
/// </summary>
/// <typeparam name="TState">The initial state: h0, or (h0, c0) for the LSTM.</typeparam>
/// <typeparam name="TResult">The output at every step and the final state(s).</typeparam>
public abstract class RecurrentLayer<TState, TResult> : nn.Module<Tensor, TState, TResult>, IRecurrentLayer
{
    private readonly string[] stateNames;

    private protected RecurrentLayer(string name, Recurrence recurrence, long inputSize, long hiddenSize,
        long numLayers, bool bias, bool batchFirst, double dropout, bool bidirectional, Device? device,
        ScalarType? dtype) : base(name)
    {
        Unroller = new Unroller(name, recurrence, inputSize, hiddenSize, numLayers, batchFirst, dropout, bidirectional);
        Unroller.RegisterParameters(this, bias, device, dtype);
        stateNames = recurrence.States == 1 ? ["h0"] : ["h0", "c0"];
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

    /// <inheritdoc/>
    public int StateCount => stateNames.Length;

    /// <inheritdoc/>
    public (Tensor Output, Tensor[] State) Run(Tensor input, IReadOnlyList<Tensor>? state = null, Tensor? lengths = null,
        Tensor? mask = null, RecurrentTrace? trace = null)
    {
        if (state is not null && state.Count != StateCount)
            throw new ArgumentException($"{GetName()}: expected {StateCount} state tensor(s) ({string.Join(", ", stateNames)}), " +
                                        $"got {state.Count}.", nameof(state));
        using var scope = NewDisposeScope();
        var (output, final) = Unroller.Run(this, input, state?.ToArray(), stateNames, lengths, mask, trace);
        return (scope.MoveToOuter(output), final.Select(s => scope.MoveToOuter(s)).ToArray());
    }

    /// <summary>Runs the whole sequence; see the overload with lengths, mask and trace.</summary>
    /// <param name="input">[seq, batch, input_size] ([batch, seq, input_size] if batch-first) or unbatched [seq, input_size].</param>
    /// <param name="state">The initial state(s), each [num_layers·directions, batch, hidden_size]; zeros when null.</param>
    public override TResult forward(Tensor input, TState state = default!) => forward(input, state, null);

    /// <summary>
    /// Runs the whole sequence. Returns the output of the last layer at every step,
    /// [seq, batch, directions·hidden_size] (batch-first if configured), and the final state(s) of every layer and
    /// direction, each [num_layers·directions, batch, hidden_size].
    /// For variable-length batches pass <paramref name="lengths"/> or <paramref name="mask"/>: padded steps leave the
    /// state unchanged, their outputs are 0 (like PyTorch's packed sequences), the final states are each sequence's
    /// after its last real step, and the reverse direction starts at each sequence's own last real step.
    /// </summary>
    /// <param name="input">[seq, batch, input_size] ([batch, seq, input_size] if batch-first) or unbatched [seq, input_size].</param>
    /// <param name="state">The initial state(s), each [num_layers·directions, batch, hidden_size]; zeros when null.</param>
    /// <param name="lengths">Integer tensor [batch]: real steps per sequence, the rest is padding at the end.</param>
    /// <param name="mask">Bool tensor shaped like the input's first two dimensions; true marks a real step.</param>
    /// <param name="trace">When given, receives the hidden states (h), the LSTM's cell states (c) and the gate
    /// activations (LSTM i, f, g, o; GRU r, z, n) per layer and direction.</param>
    public TResult forward(Tensor input, TState state, Tensor? lengths = null, Tensor? mask = null,
        RecurrentTrace? trace = null)
    {
        var (output, final) = Run(input, States(state), lengths, mask, trace);
        return Result(output, final);
    }

    /// <summary>The typed state as the list <see cref="Run"/> takes, or null for zeros.</summary>
    private protected abstract Tensor[]? States(TState state);

    /// <summary>The typed result from the output and the final states.</summary>
    private protected abstract TResult Result(Tensor output, Tensor[] final);

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

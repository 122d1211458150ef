using static TorchSharp.torch;

namespace Lectures.Layers;

/// <summary>
/// What code that works with any of <see cref="Rnn"/>, <see cref="Gru"/> and <see cref="Lstm"/> needs, without
/// knowing which: the sizes and one run method whose state is a list of tensors (h, or h and c), so a model can
/// hold a layer of any kind and carry its state without a type switch.
/// </summary>
public interface IRecurrentLayer
{
    /// <summary>Features per input x_t.</summary>
    long InputSize { get; }

    /// <summary>Features in each hidden state (and cell state).</summary>
    long HiddenSize { get; }

    /// <summary>How many layers are stacked.</summary>
    long NumLayers { get; }

    /// <summary>Whether input and output are [batch, seq, feature].</summary>
    bool BatchFirst { get; }

    /// <summary>Whether the layer also runs backwards in time.</summary>
    bool Bidirectional { get; }

    /// <summary>How many state tensors a step carries: 1 (h) for the RNN and GRU, 2 (h, c) for the LSTM.</summary>
    int StateCount { get; }

    /// <summary>
    /// Runs the whole sequence, as the layer's <c>forward</c> does, with the state as a list: h_0 (and c_0) in, h_n
    /// (and c_n) out, each [num_layers·directions, batch, hidden_size] ([num_layers·directions, hidden_size] for
    /// unbatched input).
    /// </summary>
    /// <param name="input">[seq, batch, input_size] ([batch, seq, input_size] if batch-first) or unbatched [seq, input_size].</param>
    /// <param name="state"><see cref="StateCount"/> initial states; zeros when null.</param>
    /// <param name="lengths">Integer tensor [batch]: real steps per sequence, the rest is padding at the end.</param>
    /// <param name="mask">Bool tensor shaped like the input's first two dimensions; true marks a real step.</param>
    /// <param name="trace">When given, receives the states and gate activations per layer and direction.</param>
    /// <returns>The last layer's output at every step and the final states.</returns>
    /// <example>
    /// <code>
    /// IRecurrentLayer layer = new Lstm(4, 8, batchFirst: true);
    /// var (output, state) = layer.Run(x);             // state = [h_n, c_n]
    /// var (more, next) = layer.Run(x2, state);        // continues where the first call stopped
    /// </code>
    /// </example>
    (Tensor Output, Tensor[] State) Run(Tensor input, IReadOnlyList<Tensor>? state = null, Tensor? lengths = null,
        Tensor? mask = null, RecurrentTrace? trace = null);
}

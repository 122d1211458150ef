using static TorchSharp.torch;

namespace Lectures.Layers;

/// <summary>
/// Per-step internals of a layer's forward pass, for charts: hidden states "h", cell states "c" (LSTM) and gate
/// activations ("i", "f", "g", "o" for the LSTM, "r", "z", "n" for the GRU), per layer and direction.
/// Pass a fresh trace to a layer's <c>forward(..., trace: t)</c>; the results do not change.
/// Every entry is detached and time-first, [seq, batch, hidden] ([seq, hidden] for unbatched input), in time order
/// also for the reverse direction. At padded steps the states hold their last real value and the gates read 0.
/// </summary>
public sealed class RecurrentTrace
{
    private readonly Dictionary<(string name, int layer, int direction), Tensor> entries = [];

    /// <summary>The names recorded (the same for every layer and direction).</summary>
    public IReadOnlyList<string> Names => entries.Keys.Select(k => k.name).Distinct().ToList();

    /// <summary>The recorded steps of one internal, [seq, batch, hidden].</summary>
    /// <param name="name">"h", "c" or a gate name.</param>
    /// <param name="layer">0 for the layer that reads the input.</param>
    /// <param name="direction">0 forward, 1 reverse.</param>
    public Tensor this[string name, int layer = 0, int direction = 0] =>
        entries.TryGetValue((name, layer, direction), out var t) ? t
        : throw new KeyNotFoundException(
            $"The trace has no '{name}' for layer {layer}, direction {direction}; it holds: " +
            string.Join(", ", entries.Keys.Select(k => $"{k.name}(layer {k.layer}, direction {k.direction})")) + ".");

    /// <summary>Hidden states h_t of one layer and direction, [seq, batch, hidden].</summary>
    /// <param name="layer">0 for the layer that reads the input.</param>
    /// <param name="direction">0 forward, 1 reverse.</param>
    public Tensor Hidden(int layer = 0, int direction = 0) => this["h", layer, direction];

    internal void Record(string name, int layer, int direction, IEnumerable<Tensor> steps, bool batched)
    {
        var t = stack(steps.Select(s => s.detach()), 0);
        entries[(name, layer, direction)] = (batched ? t : t.squeeze(1)).DetachFromDisposeScope();
    }
}

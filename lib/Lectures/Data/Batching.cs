using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Data;

/// <summary>
/// Batches variable-length sequences: pads them to the longest one and keeps each true length, from which a mask
/// says which steps are real. Models use the lengths to read the last real hidden state and the mask to leave
/// padding out of losses and accuracies.
/// </summary>
public static class Batching
{
    /// <summary>
    /// Pads sequences into a [B, T] tensor, T the longest length, and returns the lengths [B]: token indices
    /// (<c>long[]</c>) give an int64 tensor, real values (<c>float[]</c>) a float32 one.
    /// </summary>
    /// <typeparam name="T">The element type, e.g. long for tokens or float for values.</typeparam>
    /// <param name="sequences">The sequences, each with at least one step.</param>
    /// <param name="padding">The value written after each sequence's end, usually the vocabulary's padding index 0.</param>
    /// <example>
    /// <code>
    /// var (tokens, lengths) = Batching.Pad(new[] { new long[] { 5, 6, 7 }, new long[] { 8 } });
    /// // tokens = [[5, 6, 7], [8, 0, 0]], lengths = [3, 1]
    /// var (values, _) = Batching.Pad(new[] { new float[] { 1, 2 }, new float[] { 3 } }, padding: float.NaN);
    /// </code>
    /// </example>
    public static (Tensor Padded, Tensor Lengths) Pad<T>(IReadOnlyList<T[]> sequences, T padding = default) where T : unmanaged
    {
        var (lengths, maxLength) = Measure(sequences);
        var padded = new T[sequences.Count, maxLength];
        for (var b = 0; b < sequences.Count; b++)
            for (var t = 0; t < maxLength; t++)
                padded[b, t] = t < sequences[b].Length ? sequences[b][t] : padding;
        return (torch.from_array(padded), torch.tensor(lengths));
    }

    /// <summary>The mask [B, T], true where t &lt; length: the real steps of each padded sequence.</summary>
    /// <param name="lengths">The lengths, shape [B], int64.</param>
    /// <param name="maxLength">T, the padded length.</param>
    /// <example><code>var mask = Batching.MaskFromLengths(torch.tensor(new long[] { 3, 1 }), 3);  // [[T,T,T],[T,F,F]]</code></example>
    public static Tensor MaskFromLengths(Tensor lengths, long maxLength)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.dim() != 1) throw new ArgumentException($"Lengths must be 1-D [B]; got shape {Checks.Shape(lengths)}.", nameof(lengths));
        return torch.arange(maxLength, device: lengths.device).unsqueeze(0) < lengths.unsqueeze(1);
    }

    /// <summary>A dataset of padded token sequences with their lengths and one target per sequence (many-to-one).</summary>
    /// <param name="sequences">Encoded sequences.</param>
    /// <param name="labels">One class index per sequence.</param>
    /// <param name="paddingIndex">The padding index.</param>
    /// <example>
    /// <code>
    /// var data = Batching.Classification(reviews.Select(r => vocab.Encode(r.Text)).ToList(), reviews.Select(r => (long)r.Label).ToList());
    /// </code>
    /// </example>
    public static Dataset Classification(IReadOnlyList<long[]> sequences, IReadOnlyList<long> labels, long paddingIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != sequences.Count)
            throw new ArgumentException($"Expected one label per sequence: {sequences.Count} sequences but {labels.Count} labels.", nameof(labels));
        var (padded, lengths) = Pad(sequences, paddingIndex);
        return new Dataset(padded, torch.tensor(labels.ToArray()), lengths);
    }

    /// <summary>
    /// A dataset of padded input sequences with a padded target sequence of the same length each (many-to-many
    /// synchronous, e.g. tagging); padded target steps hold <paramref name="paddingIndex"/>.
    /// </summary>
    /// <param name="inputs">Encoded input sequences.</param>
    /// <param name="targets">Encoded target sequences, each as long as its input.</param>
    /// <param name="paddingIndex">The padding index of both.</param>
    /// <example><code>var data = Batching.Tagging(words, tags);</code></example>
    public static Dataset Tagging(IReadOnlyList<long[]> inputs, IReadOnlyList<long[]> targets, long paddingIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count != inputs.Count)
            throw new ArgumentException($"Expected one target sequence per input: {inputs.Count} inputs but {targets.Count} targets.", nameof(targets));
        for (var i = 0; i < inputs.Count; i++)
            if (inputs[i].Length != targets[i].Length)
                throw new ArgumentException($"Sequence {i}: the input has {inputs[i].Length} steps but the target {targets[i].Length}.", nameof(targets));
        var (padded, lengths) = Pad(inputs, paddingIndex);
        return new Dataset(padded, Pad(targets, paddingIndex).Padded, lengths);
    }

    /// <summary>
    /// A dataset of sequence pairs of different lengths (many-to-many asynchronous, e.g. translation): padded sources
    /// as inputs with their lengths, padded targets as targets. The targets' mask is <c>Targets != paddingIndex</c>.
    /// </summary>
    /// <param name="sources">Encoded source sequences.</param>
    /// <param name="targets">Encoded target sequences (usually ending with an end token).</param>
    /// <param name="paddingIndex">The padding index of both.</param>
    /// <example>
    /// <code>
    /// var data = Batching.Pairs(pairs.Select(p => source.Encode(p.Source)).ToList(),
    ///                           pairs.Select(p => (long[])[.. target.Encode(p.Target), end]).ToList());
    /// </code>
    /// </example>
    public static Dataset Pairs(IReadOnlyList<long[]> sources, IReadOnlyList<long[]> targets, long paddingIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count != sources.Count)
            throw new ArgumentException($"Expected one target per source: {sources.Count} sources but {targets.Count} targets.", nameof(targets));
        var (padded, lengths) = Pad(sources, paddingIndex);
        return new Dataset(padded, Pad(targets, paddingIndex).Padded, lengths);
    }

    private static (long[] Lengths, int MaxLength) Measure<T>(IReadOnlyList<T[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0) throw new ArgumentException("Cannot pad an empty list of sequences.", nameof(sequences));
        var lengths = new long[sequences.Count];
        for (var b = 0; b < sequences.Count; b++)
        {
            if (sequences[b] is null || sequences[b].Length == 0)
                throw new ArgumentException($"Sequence {b} is empty; every sequence needs at least one step.", nameof(sequences));
            lengths[b] = sequences[b].Length;
        }
        return (lengths, (int)lengths.Max());
    }
}

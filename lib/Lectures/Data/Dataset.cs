using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Data;

/// <summary>
/// Examples stacked along dimension 0: inputs, targets and, for padded sequences, each example's true length.
/// Split it into training and validation sets, and cut it into (shuffled) mini-batches for training.
/// </summary>
public sealed class Dataset
{
    /// <summary>Creates a dataset; all tensors must have the same size along dimension 0.</summary>
    /// <param name="inputs">Inputs, shape [N, ...] (e.g. [N, T] token indices or [N, T, features]).</param>
    /// <param name="targets">Targets, shape [N, ...].</param>
    /// <param name="lengths">Optional true lengths of padded sequences, shape [N], int64.</param>
    /// <example>
    /// <code>
    /// var data = new Dataset(torch.randn(100, 10, 1), torch.randn(100, 1));
    /// var (train, validation) = data.Split(0.2, seed: 0);
    /// </code>
    /// </example>
    public Dataset(Tensor inputs, Tensor targets, Tensor? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.dim() == 0 || targets.dim() == 0)
            throw new ArgumentException($"Inputs and targets need an example dimension 0; got shapes {Checks.Shape(inputs)} and {Checks.Shape(targets)}.");
        if (inputs.shape[0] != targets.shape[0])
            throw new ArgumentException(
                $"Inputs and targets must hold the same number of examples (dimension 0); got inputs {Checks.Shape(inputs)} and targets {Checks.Shape(targets)}.");
        if (lengths is not null && (lengths.dim() != 1 || lengths.shape[0] != inputs.shape[0] || lengths.dtype != ScalarType.Int64))
            throw new ArgumentException(
                $"Lengths must be an int64 tensor of shape [{inputs.shape[0]}]; got {lengths.dtype} {Checks.Shape(lengths)}.", nameof(lengths));
        Inputs = inputs;
        Targets = targets;
        Lengths = lengths;
    }

    /// <summary>The inputs, shape [N, ...].</summary>
    public Tensor Inputs { get; }

    /// <summary>The targets, shape [N, ...].</summary>
    public Tensor Targets { get; }

    /// <summary>The true lengths of padded sequences, shape [N], or <c>null</c>.</summary>
    public Tensor? Lengths { get; }

    /// <summary>Number of examples N.</summary>
    public long Count => Inputs.shape[0];

    /// <summary>
    /// The padding mask, shape [N, T], true where a step is real (t &lt; length), computed from
    /// <see cref="Lengths"/> and the inputs' dimension 1; <c>null</c> without lengths.
    /// </summary>
    public Tensor? Mask => Lengths is null ? null : Batching.MaskFromLengths(Lengths, Inputs.shape[1]);

    /// <summary>The examples at the given positions, in that order.</summary>
    /// <param name="indices">Positions, a 1-D int64 tensor.</param>
    /// <example><code>var firstTen = data.Select(torch.arange(10));</code></example>
    public Dataset Select(Tensor indices) =>
        new(Inputs.index_select(0, indices), Targets.index_select(0, indices), Lengths?.index_select(0, indices));

    /// <summary>
    /// Splits into training and validation sets after a seeded shuffle: the same seed gives the same split.
    /// </summary>
    /// <param name="validationFraction">Share of examples for validation, in (0, 1).</param>
    /// <param name="seed">Seed of the shuffle; without it, one is drawn from the generator seeded by <see cref="Kit.Seed"/>.</param>
    /// <example><code>var (train, validation) = data.Split(0.2, seed: 1);</code></example>
    public (Dataset Train, Dataset Validation) Split(double validationFraction, int? seed = null)
    {
        var (train, validation) = Splits.Indices((int)Count, validationFraction, seed);
        return (Select(torch.tensor(train)), Select(torch.tensor(validation)));
    }

    /// <summary>
    /// Cuts the examples into mini-batches of <paramref name="batchSize"/> (the last one may be smaller),
    /// in a seeded random order when <paramref name="shuffle"/> is given.
    /// </summary>
    /// <param name="batchSize">Examples per batch, at least 1.</param>
    /// <param name="shuffle">Random source for the order, or <c>null</c> to keep the stored order.</param>
    /// <example>
    /// <code>
    /// foreach (var batch in train.Batches(32, new Random(0)))
    ///     Console.WriteLine(batch.Inputs.shape[0]);
    /// </code>
    /// </example>
    public IEnumerable<Dataset> Batches(int batchSize, Random? shuffle = null)
    {
        foreach (var positions in BatchPositions(batchSize, shuffle))
            yield return Select(torch.tensor(positions));
    }

    /// <summary>The example positions of each mini-batch, so a caller can cut the batch when (and where) it wants.</summary>
    internal IEnumerable<long[]> BatchPositions(int batchSize, Random? shuffle)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
        var order = Enumerable.Range(0, (int)Count).Select(i => (long)i).ToArray();
        shuffle?.Shuffle(order);
        for (var start = 0; start < order.Length; start += batchSize)
            yield return order[start..Math.Min(start + batchSize, order.Length)];
    }

}

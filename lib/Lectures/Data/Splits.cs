namespace Lectures.Data;

/// <summary>Deterministic train/validation splits of lists (texts, pairs, sentences) by a seeded shuffle.</summary>
public static class Splits
{
    /// <summary>
    /// Shuffles a copy of <paramref name="items"/> with a seeded generator and cuts off the last
    /// <paramref name="validationFraction"/> of it (at least one item each side) for validation.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items to split; at least 2.</param>
    /// <param name="validationFraction">Share of items for validation, in (0, 1).</param>
    /// <param name="seed">Seed of the shuffle; without it, one is drawn from the generator seeded by <see cref="Kit.Seed"/>.</param>
    /// <example>
    /// <code>
    /// var reviews = RestaurantReviews.Generate(500, seed: 0);
    /// var (train, validation) = Splits.TrainValidation(reviews, 0.2, seed: 0);
    /// </code>
    /// </example>
    public static (List<T> Train, List<T> Validation) TrainValidation<T>(IReadOnlyList<T> items, double validationFraction, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var (train, validation) = Indices(items.Count, validationFraction, seed);
        return (train.Select(i => items[(int)i]).ToList(), validation.Select(i => items[(int)i]).ToList());
    }

    internal static (long[] Train, long[] Validation) Indices(int count, double validationFraction, int? seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must lie strictly between 0 and 1.");
        if (count < 2)
            throw new ArgumentException($"Splitting needs at least 2 examples, got {count}.", nameof(count));
        var order = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        new Random(seed ?? Kit.NextSeed()).Shuffle(order);
        var validationCount = Math.Clamp((int)Math.Round(count * validationFraction), 1, count - 1);
        return (order[..^validationCount], order[^validationCount..]);
    }
}

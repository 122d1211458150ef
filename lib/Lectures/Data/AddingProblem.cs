using TorchSharp;

namespace Lectures.Data;

/// <summary>
/// The adding problem (Hochreiter &amp; Schmidhuber, 1997): each step carries a random value in [0, 1) and a
/// marker; exactly two steps are marked, one in each half of the sequence, and the target is the sum of their
/// two values. Predicting it means remembering a value across up to <c>length</c> steps.
/// </summary>
public static class AddingProblem
{
    /// <summary>Generates <paramref name="count"/> sequences: inputs [N, length, 2] (value, marker), targets [N, 1].</summary>
    /// <param name="count">Number of sequences.</param>
    /// <param name="length">Steps per sequence, at least 2; longer is harder.</param>
    /// <param name="seed">Seed; without it, one is drawn from the generator seeded by <see cref="Kit.Seed"/>.</param>
    /// <example>
    /// <code>
    /// var data = AddingProblem.Generate(1000, length: 50, seed: 0);
    /// // always predicting 1.0 gives a mean squared error of about 0.167: the baseline to beat
    /// </code>
    /// </example>
    public static Dataset Generate(int count, int length, int? seed = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be at least 1.");
        if (length < 2) throw new ArgumentOutOfRangeException(nameof(length), length, "The adding problem needs sequences of at least 2 steps.");
        var random = new Random(seed ?? Kit.NextSeed());
        var inputs = new float[count * length * 2];
        var targets = new float[count];
        var half = length / 2;
        for (var n = 0; n < count; n++)
        {
            var first = random.Next(half);
            var second = half + random.Next(length - half);
            for (var t = 0; t < length; t++)
            {
                var at = (n * length + t) * 2;
                inputs[at] = random.NextSingle();
                inputs[at + 1] = t == first || t == second ? 1f : 0f;
            }
            targets[n] = inputs[(n * length + first) * 2] + inputs[(n * length + second) * 2];
        }
        return new Dataset(torch.tensor(inputs, [count, length, 2]), torch.tensor(targets, [count, 1]));
    }
}

using TorchSharp;

namespace Lectures.Data;

/// <summary>
/// The copy task (Hochreiter &amp; Schmidhuber, 1997; Arjovsky et al., 2016): read <c>length</c> random symbols,
/// wait through a gap of blanks, see a delimiter, then output the symbols in order. Tokens: 0 is blank,
/// 1..symbols are the symbols, symbols+1 is the delimiter, so a model needs <see cref="TokenCount"/> classes.
/// </summary>
public static class CopyTask
{
    /// <summary>Number of distinct tokens for a given number of symbols: blank, the symbols and the delimiter.</summary>
    /// <param name="symbols">Number of symbols to copy from.</param>
    /// <example><code>var classes = CopyTask.TokenCount(8);  // 10</code></example>
    public static int TokenCount(int symbols) => symbols + 2;

    /// <summary>
    /// Generates <paramref name="count"/> sequences of <c>2·length + gap</c> steps, inputs and targets [N, T] int64:
    /// input <c>s_1..s_L, 0 × (gap−1), delimiter, 0 × L</c>, target <c>0 × (L + gap), s_1..s_L</c>.
    /// </summary>
    /// <param name="count">Number of sequences.</param>
    /// <param name="length">Symbols to copy, L.</param>
    /// <param name="gap">Steps between the last symbol and the first answer, at least 1; longer is harder.</param>
    /// <param name="symbols">Size of the symbol alphabet.</param>
    /// <param name="seed">Seed; without it, one is drawn from the generator seeded by <see cref="Kit.Seed"/>.</param>
    /// <example>
    /// <code>
    /// var data = CopyTask.Generate(512, length: 5, gap: 20, symbols: 8, seed: 0);   // [512, 30]
    /// // score only the last 5 steps: data.Targets[.., ^5..]
    /// </code>
    /// </example>
    public static Dataset Generate(int count, int length, int gap, int symbols = 8, int? seed = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be at least 1.");
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "At least one symbol must be copied.");
        if (gap < 1) throw new ArgumentOutOfRangeException(nameof(gap), gap, "The gap must be at least 1 (the delimiter's step).");
        if (symbols < 1) throw new ArgumentOutOfRangeException(nameof(symbols), symbols, "The alphabet needs at least one symbol.");
        var random = new Random(seed ?? Kit.NextSeed());
        var steps = 2 * length + gap;
        var delimiter = symbols + 1;
        var inputs = new long[count * steps];
        var targets = new long[count * steps];
        for (var n = 0; n < count; n++)
        {
            var row = n * steps;
            for (var i = 0; i < length; i++)
            {
                var symbol = 1 + random.Next(symbols);
                inputs[row + i] = symbol;
                targets[row + length + gap + i] = symbol;
            }
            inputs[row + length + gap - 1] = delimiter;
        }
        return new Dataset(torch.tensor(inputs, [count, steps]), torch.tensor(targets, [count, steps]));
    }
}

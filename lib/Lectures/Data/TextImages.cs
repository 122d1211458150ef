using TorchSharp;

namespace Lectures.Data;

/// <summary>
/// Tiny scene-text images for a recogniser: lower-case words drawn in a 3×5 pixel font, with a random extra gap
/// between letters (so a fixed number of columns per letter does not work and no segmentation is given) and
/// Gaussian noise. A model reads the columns left to right and must emit the letters, e.g. trained with CTC.
/// </summary>
public static class TextImages
{
    /// <summary>Image height in pixels: the 5-pixel font with one blank row above and below.</summary>
    public const int Height = 7;

    private static readonly Dictionary<char, string[]> Font = new()
    {
        ['a'] = [".#.", "#.#", "###", "#.#", "#.#"], ['b'] = ["##.", "#.#", "##.", "#.#", "##."],
        ['c'] = [".##", "#..", "#..", "#..", ".##"], ['d'] = ["##.", "#.#", "#.#", "#.#", "##."],
        ['e'] = ["###", "#..", "##.", "#..", "###"], ['f'] = ["###", "#..", "##.", "#..", "#.."],
        ['g'] = [".##", "#..", "#.#", "#.#", ".##"], ['h'] = ["#.#", "#.#", "###", "#.#", "#.#"],
        ['i'] = ["###", ".#.", ".#.", ".#.", "###"], ['j'] = ["..#", "..#", "..#", "#.#", ".#."],
        ['k'] = ["#.#", "#.#", "##.", "#.#", "#.#"], ['l'] = ["#..", "#..", "#..", "#..", "###"],
        ['m'] = ["#.#", "###", "###", "#.#", "#.#"], ['n'] = ["##.", "#.#", "#.#", "#.#", "#.#"],
        ['o'] = [".#.", "#.#", "#.#", "#.#", ".#."], ['p'] = ["##.", "#.#", "##.", "#..", "#.."],
        ['q'] = [".#.", "#.#", "#.#", "##.", ".##"], ['r'] = ["##.", "#.#", "##.", "#.#", "#.#"],
        ['s'] = [".##", "#..", ".#.", "..#", "##."], ['t'] = ["###", ".#.", ".#.", ".#.", ".#."],
        ['u'] = ["#.#", "#.#", "#.#", "#.#", "###"], ['v'] = ["#.#", "#.#", "#.#", "#.#", ".#."],
        ['w'] = ["#.#", "#.#", "###", "###", "#.#"], ['x'] = ["#.#", "#.#", ".#.", "#.#", "#.#"],
        ['y'] = ["#.#", "#.#", ".#.", ".#.", ".#."], ['z'] = ["###", "..#", ".#.", "#..", "###"],
    };

    /// <summary>The letters the font can draw, a to z.</summary>
    public static string Alphabet { get; } = string.Concat(Font.Keys.Order());

    /// <summary>Draws one word: 3 columns per letter, 1 blank column between letters plus 0–<paramref name="maxExtraGap"/> more.</summary>
    /// <param name="text">Lower-case letters a–z.</param>
    /// <param name="random">Source of the gaps and the noise.</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to every pixel.</param>
    /// <param name="maxExtraGap">Largest extra gap between letters, in columns.</param>
    /// <returns>The image.</returns>
    /// <example><code>var image = TextImages.Render("cat", new Random(0));  // Pixels [7, ≥ 13]</code></example>
    public static TextImage Render(string text, Random random, double noise = 0.1, int maxExtraGap = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentNullException.ThrowIfNull(random);
        if (maxExtraGap < 0) throw new ArgumentOutOfRangeException(nameof(maxExtraGap), maxExtraGap, "The extra gap cannot be negative.");
        var columns = new List<float[]> { new float[Height] };
        foreach (var letter in text)
        {
            if (!Font.TryGetValue(letter, out var glyph))
                throw new ArgumentException($"'{letter}' in \"{text}\" cannot be drawn; the font has the letters {Alphabet}.", nameof(text));
            for (var x = 0; x < 3; x++)
            {
                var column = new float[Height];
                for (var y = 0; y < 5; y++) column[y + 1] = glyph[y][x] == '#' ? 1f : 0f;
                columns.Add(column);
            }
            for (var gap = 1 + random.Next(maxExtraGap + 1); gap > 0; gap--) columns.Add(new float[Height]);
        }
        var pixels = new float[Height * columns.Count];
        for (var x = 0; x < columns.Count; x++)
            for (var y = 0; y < Height; y++)
                pixels[y * columns.Count + x] = columns[x][y] + (float)(noise * Gaussian.Next(random));
        return new TextImage(torch.tensor(pixels, [Height, columns.Count]), text);
    }

    /// <summary>Draws <paramref name="count"/> random words, from <paramref name="words"/> or of random letters.</summary>
    /// <param name="count">Number of images.</param>
    /// <param name="minLength">Shortest random word.</param>
    /// <param name="maxLength">Longest random word.</param>
    /// <param name="words">Words to draw from instead of random letters, or <c>null</c>.</param>
    /// <param name="noise">Standard deviation of the pixel noise.</param>
    /// <param name="seed">Seed; without it, one is drawn from the generator seeded by <see cref="Kit.Seed"/>.</param>
    /// <example>
    /// <code>
    /// var images = TextImages.Generate(500, minLength: 3, maxLength: 6, seed: 0);
    /// var (columns, lengths) = (images[0].Pixels.T, images[0].Pixels.shape[1]);   // [W, 7]: one step per column
    /// </code>
    /// </example>
    public static List<TextImage> Generate(int count, int minLength = 3, int maxLength = 6, IReadOnlyList<string>? words = null,
        double noise = 0.1, int? seed = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be at least 1.");
        if (minLength < 1 || maxLength < minLength)
            throw new ArgumentOutOfRangeException(nameof(maxLength), $"Need 1 ≤ minLength ≤ maxLength; got {minLength} and {maxLength}.");
        if (words is { Count: 0 }) throw new ArgumentException("The word list is empty.", nameof(words));
        var random = new Random(seed ?? Kit.NextSeed());
        return Enumerable.Range(0, count).Select(_ =>
        {
            var text = words is not null ? words[random.Next(words.Count)]
                : new string(Enumerable.Range(0, random.Next(minLength, maxLength + 1)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            return Render(text, random, noise);
        }).ToList();
    }
}

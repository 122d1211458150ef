namespace Lectures.Data;

/// <summary>
/// A small translation task for sequence-to-sequence models: a number written in digits ("1207", read one
/// character at a time) to English words ("one thousand two hundred seven", one word per output step). Input
/// and output lengths differ, the word order is not the digit order ("14" → "fourteen", "40" → "forty"), and
/// the answer is exactly checkable.
/// </summary>
public static class NumberTranslation
{
    private static readonly string[] Ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>English words for a number from 0 to 9999, e.g. 1207 → "one thousand two hundred seven".</summary>
    /// <param name="number">The number.</param>
    /// <example><code>NumberTranslation.ToWords(42);  // "forty two"</code></example>
    public static string ToWords(int number)
    {
        if (number is < 0 or > 9999) throw new ArgumentOutOfRangeException(nameof(number), number, "Numbers from 0 to 9999 are supported.");
        if (number < 20) return Ones[number];
        var words = new List<string>();
        if (number >= 1000) { words.Add(Ones[number / 1000]); words.Add("thousand"); number %= 1000; }
        if (number >= 100) { words.Add(Ones[number / 100]); words.Add("hundred"); number %= 100; }
        if (number >= 20) { words.Add(Tens[number / 10]); number %= 10; if (number > 0) words.Add(Ones[number]); }
        else if (number > 0) words.Add(Ones[number]);
        return string.Join(' ', words);
    }

    /// <summary>Generates <paramref name="count"/> pairs (digits, words) of numbers drawn uniformly from 0..maxNumber.</summary>
    /// <param name="count">Number of pairs.</param>
    /// <param name="maxNumber">Largest number, at most 9999.</param>
    /// <param name="seed">Seed; without it, one is drawn from the generator seeded by <see cref="Kit.Seed"/>.</param>
    /// <example>
    /// <code>
    /// var pairs = NumberTranslation.Generate(2000, seed: 0);
    /// var source = CharVocabulary.Build("0123456789");
    /// var target = WordVocabulary.Build(pairs.Select(p => p.Target));
    /// </code>
    /// </example>
    public static List<TranslationPair> Generate(int count, int maxNumber = 9999, int? seed = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be at least 1.");
        if (maxNumber is < 1 or > 9999) throw new ArgumentOutOfRangeException(nameof(maxNumber), maxNumber, "maxNumber must lie in 1..9999.");
        var random = new Random(seed ?? Kit.NextSeed());
        return Enumerable.Range(0, count)
            .Select(_ => random.Next(maxNumber + 1))
            .Select(n => new TranslationPair(n.ToString(System.Globalization.CultureInfo.InvariantCulture), ToWords(n)))
            .ToList();
    }
}

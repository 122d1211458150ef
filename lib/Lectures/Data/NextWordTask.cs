namespace Lectures.Data;

/// <summary>
/// "The clouds are in the ___": the next word depends on a word several steps back (clouds → sky, fish → sea),
/// while the last word is always "the". A model that sees only the last word can do no better than guessing
/// the most common answer; a recurrent model that reads the whole context gets it right.
/// </summary>
public static class NextWordTask
{
    private static readonly (string Subject, string Place)[] Pairs =
    [
        ("clouds", "sky"), ("stars", "sky"), ("fish", "sea"), ("whales", "sea"), ("cows", "field"), ("sheep", "field"),
        ("books", "library"), ("cars", "garage"), ("pupils", "school"), ("bees", "hive"),
    ];

    private static readonly string[] Openings = ["the", "my", "some", "all the"];
    private static readonly string[] Verbs = ["are", "were", "stay", "live"];

    /// <summary>Generates <paramref name="count"/> contexts ending in "in the" with the word that completes them.</summary>
    /// <param name="count">Number of examples.</param>
    /// <param name="seed">Seed; without it, one is drawn from the generator seeded by <see cref="Kit.Seed"/>.</param>
    /// <example>
    /// <code>
    /// var examples = NextWordTask.Generate(500, seed: 0);   // ("the clouds are in the", "sky"), …
    /// var vocab = WordVocabulary.Build(examples.Select(e => $"{e.Context} {e.Next}"));
    /// </code>
    /// </example>
    public static List<NextWordExample> Generate(int count, int? seed = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be at least 1.");
        var random = new Random(seed ?? Kit.NextSeed());
        return Enumerable.Range(0, count).Select(_ =>
        {
            var (subject, place) = Pairs[random.Next(Pairs.Length)];
            var context = $"{Openings[random.Next(Openings.Length)]} {subject} {Verbs[random.Next(Verbs.Length)]} in the";
            return new NextWordExample(context, place);
        }).ToList();
    }
}

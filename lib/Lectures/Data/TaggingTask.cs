namespace Lectures.Data;

/// <summary>
/// Part-of-speech-style tagging where some tags need right context. Ambiguous words ("fish", "duck", "watch",
/// "park", "train", "paint") open a clause — at the start or after "and", so everything to their left is the
/// same — and are a NOUN when a verb follows ("fish sleeps") but a VERB when a determiner follows ("fish the
/// river"). A left-to-right tagger can only guess them (about 50%); a bidirectional one can see the next word.
/// Tags: DET, NOUN, VERB, ADV, CONJ.
/// </summary>
public static class TaggingTask
{
    /// <summary>The words that are a noun or a verb depending on the next word.</summary>
    public static IReadOnlyList<string> AmbiguousWords { get; } = ["fish", "duck", "watch", "park", "train", "paint"];

    private static readonly string[] Determiners = ["the", "a"];
    private static readonly string[] Nouns = ["dog", "cat", "bird", "man", "child", "river", "house"];
    private static readonly string[] Verbs = ["runs", "sleeps", "sings", "jumps", "eats", "waits"];
    private static readonly string[] Adverbs = ["quickly", "loudly", "today", "often"];

    /// <summary>Generates <paramref name="count"/> sentences of one or two clauses joined by "and".</summary>
    /// <param name="count">Number of sentences.</param>
    /// <param name="seed">Seed; without it, one is drawn from the generator seeded by <see cref="Kit.Seed"/>.</param>
    /// <example>
    /// <code>
    /// var sentences = TaggingTask.Generate(2000, seed: 0);
    /// var words = WordVocabulary.FromTokens(sentences.Select(s => s.Words));
    /// var tags = WordVocabulary.FromTokens(sentences.Select(s => s.Tags));
    /// </code>
    /// </example>
    public static List<TaggedSentence> Generate(int count, int? seed = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be at least 1.");
        var random = new Random(seed ?? Kit.NextSeed());
        var sentences = new List<TaggedSentence>(count);
        for (var n = 0; n < count; n++)
        {
            var words = new List<string>();
            var tags = new List<string>();
            var clauses = 1 + random.Next(2);
            for (var c = 0; c < clauses; c++)
            {
                if (c > 0) Add(words, tags, "and", "CONJ");
                Clause(random, words, tags);
            }
            sentences.Add(new TaggedSentence(words.ToArray(), tags.ToArray()));
        }
        return sentences;
    }

    private static void Clause(Random random, List<string> words, List<string> tags)
    {
        switch (random.Next(3))
        {
            case 0: // the dog runs
                Add(words, tags, Pick(random, Determiners), "DET");
                Add(words, tags, Pick(random, Nouns), "NOUN");
                Add(words, tags, Pick(random, Verbs), "VERB");
                break;
            case 1: // fish sleeps: a noun, because a verb follows
                Add(words, tags, Pick(random, AmbiguousWords), "NOUN");
                Add(words, tags, Pick(random, Verbs), "VERB");
                break;
            default: // fish the river: a verb, because a determiner follows
                Add(words, tags, Pick(random, AmbiguousWords), "VERB");
                Add(words, tags, Pick(random, Determiners), "DET");
                Add(words, tags, Pick(random, Nouns), "NOUN");
                break;
        }
        if (random.Next(2) == 0) Add(words, tags, Pick(random, Adverbs), "ADV");
    }

    private static void Add(List<string> words, List<string> tags, string word, string tag)
    {
        words.Add(word);
        tags.Add(tag);
    }

    private static string Pick(Random random, IReadOnlyList<string> words) => words[random.Next(words.Count)];
}

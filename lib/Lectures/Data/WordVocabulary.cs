using System.Text.RegularExpressions;

namespace Lectures.Data;

/// <summary>
/// Maps words (tokens) to indices and back. Index 0 is the padding token <c>&lt;pad&gt;</c>, index 1 the unknown
/// token <c>&lt;unk&gt;</c>; for sequence-to-sequence targets, indices 2 and 3 can be the start token
/// <c>&lt;s&gt;</c> and the end token <c>&lt;/s&gt;</c>. The words follow, most frequent first (ties in ordinal
/// order), so building from the same texts always gives the same indices.
/// </summary>
public sealed partial class WordVocabulary
{
    /// <summary>The padding token, at index 0.</summary>
    public const string PaddingToken = "<pad>";

    /// <summary>The unknown token, at index 1.</summary>
    public const string UnknownToken = "<unk>";

    /// <summary>Index of <see cref="PaddingToken"/>.</summary>
    public const long PaddingIndex = 0;

    /// <summary>Index of <see cref="UnknownToken"/>.</summary>
    public const long UnknownIndex = 1;

    /// <summary>The start token fed to a decoder first, at index 2 when built with start and end tokens.</summary>
    public const string StartToken = "<s>";

    /// <summary>The end token a decoder emits last, at index 3 when built with start and end tokens.</summary>
    public const string EndToken = "</s>";

    private readonly string[] tokens;
    private readonly Dictionary<string, long> index;

    private WordVocabulary(string[] tokens)
    {
        this.tokens = tokens;
        index = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++) index[tokens[i]] = i;
    }

    /// <summary>
    /// Splits a text into lower-case words and punctuation marks: "The food wasn't good!" gives
    /// the, food, wasn't, good, !.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <example><code>string[] words = WordVocabulary.Tokenize("It was great.");  // it, was, great, .</code></example>
    public static string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TokenPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();
    }

    /// <summary>Builds the vocabulary of the words in some texts, split with <see cref="Tokenize"/>.</summary>
    /// <param name="texts">The training texts.</param>
    /// <param name="minCount">Words seen fewer times than this are left out (they encode as unknown).</param>
    /// <param name="startAndEnd">Also reserve <see cref="StartToken"/> and <see cref="EndToken"/> (indices 2 and 3).</param>
    /// <example>
    /// <code>
    /// var vocab = WordVocabulary.Build(new[] { "It was great", "It was terrible" });
    /// long[] ids = vocab.Encode("it was awful");   // "awful" becomes the unknown index 1
    /// </code>
    /// </example>
    public static WordVocabulary Build(IEnumerable<string> texts, int minCount = 1, bool startAndEnd = false)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return FromTokens(texts.Select(Tokenize), minCount, startAndEnd);
    }

    /// <summary>Builds the vocabulary of already split sequences (kept as they are, not lower-cased), e.g. tags.</summary>
    /// <param name="sequences">Token sequences.</param>
    /// <param name="minCount">Tokens seen fewer times than this are left out.</param>
    /// <param name="startAndEnd">Also reserve <see cref="StartToken"/> and <see cref="EndToken"/> (indices 2 and 3).</param>
    /// <example><code>var tags = WordVocabulary.FromTokens(sentences.Select(s => s.Tags));</code></example>
    public static WordVocabulary FromTokens(IEnumerable<IEnumerable<string>> sequences, int minCount = 1, bool startAndEnd = false)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (minCount < 1) throw new ArgumentOutOfRangeException(nameof(minCount), minCount, "minCount must be at least 1.");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sequence in sequences)
            foreach (var token in sequence)
                counts[token] = counts.GetValueOrDefault(token) + 1;
        string[] special = startAndEnd ? [PaddingToken, UnknownToken, StartToken, EndToken] : [PaddingToken, UnknownToken];
        var words = counts.Where(kv => kv.Value >= minCount && !special.Contains(kv.Key))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key);
        return new WordVocabulary([.. special, .. words]);
    }

    /// <summary>Index of <see cref="StartToken"/>, or <c>null</c> when built without start and end tokens.</summary>
    public long? StartIndex => index.TryGetValue(StartToken, out var i) ? i : null;

    /// <summary>Index of <see cref="EndToken"/>, or <c>null</c> when built without start and end tokens.</summary>
    public long? EndIndex => index.TryGetValue(EndToken, out var i) ? i : null;

    /// <summary>Number of indices, including the special tokens.</summary>
    public int Count => tokens.Length;

    /// <summary>All tokens in index order, starting with <c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c>.</summary>
    public IReadOnlyList<string> Tokens => tokens;

    /// <summary>The index of one token; unseen tokens map to <see cref="UnknownIndex"/>.</summary>
    /// <param name="token">The token to look up.</param>
    /// <example><code>long i = vocab.IndexOf("great");</code></example>
    public long IndexOf(string token) => index.GetValueOrDefault(token, UnknownIndex);

    /// <summary>Encodes a text: <see cref="Tokenize"/> then one index per token.</summary>
    /// <param name="text">The text to encode.</param>
    /// <example><code>long[] ids = vocab.Encode("The food was just terrible");</code></example>
    public long[] Encode(string text) => Encode(Tokenize(text));

    /// <summary>Encodes already split tokens, one index each.</summary>
    /// <param name="tokens">The tokens to encode.</param>
    /// <example><code>long[] ids = tags.Encode(sentence.Tags);</code></example>
    public long[] Encode(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.Select(IndexOf).ToArray();
    }

    /// <summary>Decodes indices to tokens; padding is skipped.</summary>
    /// <param name="indices">Indices from <see cref="Encode(string)"/> or a model's predictions.</param>
    /// <example><code>string[] words = vocab.DecodeTokens(ids);</code></example>
    public string[] DecodeTokens(IEnumerable<long> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var words = new List<string>();
        foreach (var i in indices)
        {
            if (i < 0 || i >= Count)
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"Index {i} is outside the vocabulary's range 0..{Count - 1}.");
            if (i != PaddingIndex) words.Add(tokens[i]);
        }
        return words.ToArray();
    }

    /// <summary>Decodes indices to a text, tokens joined by single spaces; padding is skipped.</summary>
    /// <param name="indices">Indices from <see cref="Encode(string)"/> or a model's predictions.</param>
    /// <example><code>string text = vocab.Decode(ids);  // "the food was just terrible"</code></example>
    public string Decode(IEnumerable<long> indices) => string.Join(' ', DecodeTokens(indices));

    [GeneratedRegex(@"[\p{L}\p{N}']+|[^\s\p{L}\p{N}']")]
    private static partial Regex TokenPattern();
}

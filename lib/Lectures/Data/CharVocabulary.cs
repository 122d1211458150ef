namespace Lectures.Data;

/// <summary>
/// Maps characters to indices and back, for character-level models. The characters are sorted, so the same
/// text always gives the same vocabulary. With special tokens, index 0 is padding and index 1 stands for any
/// character not seen when the vocabulary was built.
/// </summary>
public sealed class CharVocabulary
{
    /// <summary>What <see cref="Decode(IEnumerable{long})"/> writes for the unknown token.</summary>
    public const char UnknownCharacter = '\uFFFD';

    private readonly char[] characters;
    private readonly Dictionary<char, long> index;
    private readonly int offset;

    private CharVocabulary(char[] characters, bool specialTokens)
    {
        this.characters = characters;
        offset = specialTokens ? 2 : 0;
        index = new Dictionary<char, long>();
        for (var i = 0; i < characters.Length; i++) index[characters[i]] = i + offset;
    }

    /// <summary>
    /// Builds the vocabulary of the distinct characters in <paramref name="text"/>, sorted by code point.
    /// </summary>
    /// <param name="text">The training text.</param>
    /// <param name="specialTokens">Add padding (index 0) and unknown (index 1) tokens before the characters.
    /// Without them the vocabulary is exactly the text's characters (the lecture's "hello" has 4) and encoding an
    /// unseen character is an error.</param>
    /// <example>
    /// <code>
    /// var vocab = CharVocabulary.Build("hello", specialTokens: false);  // e, h, l, o
    /// long[] ids = vocab.Encode("hell");                                   // [1, 0, 2, 2]
    /// </code>
    /// </example>
    public static CharVocabulary Build(string text, bool specialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) throw new ArgumentException("Cannot build a character vocabulary from an empty text.", nameof(text));
        var distinct = text.Distinct().Order().ToArray();
        return new CharVocabulary(distinct, specialTokens);
    }

    /// <summary>Number of indices: the characters plus the special tokens, if any. The size of a one-hot vector.</summary>
    public int Count => characters.Length + offset;

    /// <summary>The characters, in index order (without the special tokens).</summary>
    public IReadOnlyList<char> Characters => characters;

    /// <summary>Index of the padding token, or <c>null</c> when built without special tokens.</summary>
    public long? PaddingIndex => offset > 0 ? 0 : null;

    /// <summary>Index of the unknown token, or <c>null</c> when built without special tokens.</summary>
    public long? UnknownIndex => offset > 0 ? 1 : null;

    /// <summary>The index of one character; unseen characters map to the unknown token.</summary>
    /// <param name="character">The character to look up.</param>
    /// <example><code>long e = vocab.IndexOf('e');</code></example>
    public long IndexOf(char character)
    {
        if (index.TryGetValue(character, out var i)) return i;
        if (UnknownIndex is long unknown) return unknown;
        throw new ArgumentException(
            $"Character '{character}' (U+{(int)character:X4}) is not in the vocabulary of {Count} characters " +
            $"\"{new string(characters)}\", which was built without an unknown token.", nameof(character));
    }

    /// <summary>Encodes a text as one index per character.</summary>
    /// <param name="text">The text to encode.</param>
    /// <example><code>long[] ids = vocab.Encode("hello");</code></example>
    public long[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Select(IndexOf).ToArray();
    }

    /// <summary>Decodes indices back to text; padding is skipped and unknown becomes <see cref="UnknownCharacter"/>.</summary>
    /// <param name="indices">Indices from <see cref="Encode"/> or from a model's predictions.</param>
    /// <example>
    /// <code>
    /// string text = vocab.Decode(new long[] { 1, 0, 2, 2, 3 });
    /// string predicted = vocab.Decode(logits.argmax(-1).data&lt;long&gt;());   // from a 1-D int64 tensor
    /// </code>
    /// </example>
    public string Decode(IEnumerable<long> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var text = new System.Text.StringBuilder();
        foreach (var i in indices)
        {
            if (i < 0 || i >= Count)
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"Index {i} is outside the vocabulary's range 0..{Count - 1}.");
            if (i == PaddingIndex) continue;
            text.Append(i == UnknownIndex ? UnknownCharacter : characters[i - offset]);
        }
        return text.ToString();
    }
}

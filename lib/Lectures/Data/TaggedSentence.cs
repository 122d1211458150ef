namespace Lectures.Data;

/// <summary>A sentence and one tag per word.</summary>
/// <param name="Words">The words.</param>
/// <param name="Tags">The tags, as many as words.</param>
/// <example>
/// <code>
/// var s = new TaggedSentence(["fish", "sleeps"], ["NOUN", "VERB"]);
/// </code>
/// </example>
public sealed record TaggedSentence(string[] Words, string[] Tags);

namespace Lectures.Data;

/// <summary>A source sentence and its translation, e.g. digits "307" and words "three hundred seven".</summary>
/// <param name="Source">The input sequence as text.</param>
/// <param name="Target">The output sequence as text.</param>
/// <example>
/// <code>
/// var pair = new TranslationPair("42", "forty two");
/// </code>
/// </example>
public sealed record TranslationPair(string Source, string Target);

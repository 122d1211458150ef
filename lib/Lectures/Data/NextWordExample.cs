namespace Lectures.Data;

/// <summary>A context and the word that follows it.</summary>
/// <param name="Context">The words so far, e.g. "the clouds are in the".</param>
/// <param name="Next">The next word, e.g. "sky".</param>
/// <example>
/// <code>
/// var example = new NextWordExample("the clouds are in the", "sky");
/// </code>
/// </example>
public sealed record NextWordExample(string Context, string Next);

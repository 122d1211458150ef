namespace Lectures.Data;

/// <summary>A restaurant review and its sentiment.</summary>
/// <param name="Text">The review, e.g. "the food was just terrible".</param>
/// <param name="Label">1 for positive, 0 for negative.</param>
/// <example>
/// <code>
/// var review = new Review("the food was just terrible", Label: 0);
/// </code>
/// </example>
public sealed record Review(string Text, int Label);

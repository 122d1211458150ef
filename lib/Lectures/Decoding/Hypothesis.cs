namespace Lectures.Decoding;

/// <summary>A decoded sequence and its total log-probability.</summary>
/// <param name="Tokens">The tokens produced, without the start token and without the end token.</param>
/// <param name="LogProbability">Sum of the log-probabilities of every chosen token (including the end token, if reached).</param>
/// <param name="Finished">True when the sequence ended with the end token, false when it hit the length limit.</param>
/// <example>
/// <code>
/// var best = Decoder.BeamSearch(h0, step, start: 1, end: 2, width: 3, maxLength: 10)[0];
/// Console.WriteLine($"{vocab.Decode(best.Tokens)}  log p = {best.LogProbability:F3}");
/// </code>
/// </example>
public sealed record Hypothesis(long[] Tokens, double LogProbability, bool Finished);

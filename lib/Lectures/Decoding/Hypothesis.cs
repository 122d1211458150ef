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
public sealed record Hypothesis(long[] Tokens, double LogProbability, bool Finished)
{
    /// <summary>How many log-probabilities <see cref="LogProbability"/> sums: the tokens, plus the end token if finished.</summary>
    public int Length => Tokens.Length + (Finished ? 1 : 0);

    /// <summary>
    /// The log-probability divided by <see cref="Length"/>^α: α = 0 is the plain log-probability, α = 1 the mean
    /// log-probability per token. Beam search ranks by it to stop favouring short sequences (Wu et al. 2016 use
    /// ((5 + length)/6)^α; this is the plain power, as in Hugging Face's <c>length_penalty</c>).
    /// </summary>
    /// <param name="alpha">The exponent α, at least 0.</param>
    /// <example><code>double perToken = hypothesis.NormalizedLogProbability(1.0);</code></example>
    public double NormalizedLogProbability(double alpha)
    {
        CheckAlpha(alpha);
        return alpha == 0 || Length == 0 ? LogProbability : LogProbability / Math.Pow(Length, alpha);
    }

    internal static void CheckAlpha(double alpha)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The length-normalisation exponent α must be a finite number ≥ 0 (0: none, 1: per token).");
    }
}

namespace Lectures.Decoding;

/// <summary>A corpus BLEU score and the counts it is made of (<see cref="Bleu.Corpus{T}"/>).</summary>
/// <param name="Score">BLEU in [0, 1]: <see cref="BrevityPenalty"/> × the geometric mean of <see cref="Precisions"/>.</param>
/// <param name="Precisions">The modified n-gram precisions p_1 … p_N, each <see cref="Matches"/>[n−1] / <see cref="Totals"/>[n−1] (0 when there is no candidate n-gram).</param>
/// <param name="Matches">Per order n, the candidates' n-grams found in their reference, each clipped to its count there.</param>
/// <param name="Totals">Per order n, the candidates' n-grams.</param>
/// <param name="BrevityPenalty">1 when the candidates are longer than the references, else exp(1 − r/c).</param>
/// <param name="CandidateLength">c, the candidates' tokens in all.</param>
/// <param name="ReferenceLength">r, the references' tokens in all.</param>
/// <example><code>Console.WriteLine($"BLEU-4: {score.Score:F3}, brevity penalty {score.BrevityPenalty:F3}");</code></example>
public sealed record BleuScore(double Score, double[] Precisions, long[] Matches, long[] Totals, double BrevityPenalty,
    long CandidateLength, long ReferenceLength);

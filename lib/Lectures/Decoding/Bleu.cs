namespace Lectures.Decoding;

/// <summary>
/// Corpus BLEU (Papineni et al. 2002), the usual score of machine translation: how many of the candidate's n-grams
/// (n = 1 … 4) occur in the reference, with a penalty for candidates shorter than their references. Unlike exact
/// match it gives partial credit: "two hundred two" for "two hundred twenty" keeps two of its three words.
/// </summary>
/// <remarks>
/// The counts are summed over the whole corpus before dividing, as Papineni et al. define it (not an average of
/// sentence scores). The modified precision of order n clips each candidate n-gram's count to its count in the
/// reference: p_n = Σ clipped matches / Σ candidate n-grams. BLEU = BP · exp(Σ_n log p_n / N), with the brevity
/// penalty BP = 1 if c &gt; r and exp(1 − r/c) otherwise, c and r the candidates' and references' total lengths.
/// No smoothing: when some order has no match at all, its log is −∞ and BLEU is 0. One reference per candidate
/// (with several, Papineni et al. clip by the largest count in any of them and take the closest length as r).
/// </remarks>
public static class Bleu
{
    /// <summary>Corpus BLEU of candidate token sequences against one reference each.</summary>
    /// <typeparam name="T">The token type: words (strings) or token indices.</typeparam>
    /// <param name="candidates">The system's outputs, one token sequence per sentence.</param>
    /// <param name="references">The reference translations, in the same order.</param>
    /// <param name="maxOrder">N, the longest n-gram counted (BLEU-4: 4).</param>
    /// <returns>The score with its precisions, counts and brevity penalty.</returns>
    /// <example>
    /// <code>
    /// var score = Bleu.Corpus(outputs.Select(o => o.Split(' ')).ToList(), targets.Select(t => t.Split(' ')).ToList());
    /// Console.WriteLine($"BLEU-4: {score.Score:F3}");
    /// </code>
    /// </example>
    public static BleuScore Corpus<T>(IReadOnlyList<IReadOnlyList<T>> candidates, IReadOnlyList<IReadOnlyList<T>> references, int maxOrder = 4)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(references);
        if (candidates.Count != references.Count)
            throw new ArgumentException($"Expected one reference per candidate; got {candidates.Count} candidates and {references.Count} references.", nameof(references));
        if (maxOrder < 1) throw new ArgumentOutOfRangeException(nameof(maxOrder), maxOrder, "The longest n-gram order must be at least 1.");
        var (matches, totals) = (new long[maxOrder], new long[maxOrder]);
        long c = 0, r = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var (candidate, reference) = (candidates[i], references[i]);
            if (candidate is null || reference is null) throw new ArgumentException($"Sentence {i} has no token list (null).");
            c += candidate.Count;
            r += reference.Count;
            for (var n = 1; n <= maxOrder; n++)
            {
                var inReference = Count(reference, n);
                foreach (var (gram, count) in Count(candidate, n))
                    matches[n - 1] += Math.Min(count, inReference.GetValueOrDefault(gram));
                totals[n - 1] += Math.Max(candidate.Count - n + 1, 0);
            }
        }
        var precisions = matches.Select((m, k) => totals[k] == 0 ? 0.0 : (double)m / totals[k]).ToArray();
        var brevity = c > r ? 1.0 : c == 0 ? 0.0 : Math.Exp(1 - (double)r / c);
        var score = precisions.Any(p => p == 0) ? 0.0 : brevity * Math.Exp(precisions.Average(Math.Log));
        return new BleuScore(score, precisions, matches, totals, brevity, c, r);
    }

    /// <summary>How often each n-gram of one order occurs in a sentence; an n-gram is keyed by its tokens.</summary>
    private static Dictionary<NGram<T>, int> Count<T>(IReadOnlyList<T> tokens, int n) where T : notnull
    {
        var counts = new Dictionary<NGram<T>, int>();
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var gram = new NGram<T>(tokens, i, n);
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }
        return counts;
    }

    /// <summary>A window of n tokens, compared token by token.</summary>
    private readonly struct NGram<T>(IReadOnlyList<T> tokens, int start, int n) : IEquatable<NGram<T>> where T : notnull
    {
        public bool Equals(NGram<T> other)
        {
            if (other.Size != n) return false;
            for (var k = 0; k < n; k++)
                if (!EqualityComparer<T>.Default.Equals(tokens[start + k], other.Token(k))) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is NGram<T> other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            for (var k = 0; k < n; k++) hash.Add(tokens[start + k]);
            return hash.ToHashCode();
        }

        private int Size => n;

        private T Token(int k) => tokens[start + k];
    }
}

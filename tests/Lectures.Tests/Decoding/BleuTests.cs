using Lectures.Decoding;

namespace Lectures.Tests.Decoding;

/// <summary>Corpus BLEU-4 against scores computed by hand from Papineni et al.'s definition.</summary>
[Trait("Category", "Toolkit")]
public class BleuTests
{
    private static IReadOnlyList<IReadOnlyList<string>> Sentences(params string[] texts) => texts.Select(t => (IReadOnlyList<string>)t.Split(' ')).ToList();

    [Fact]
    public void A_perfect_translation_scores_one()
    {
        var score = Bleu.Corpus(Sentences("one thousand two hundred seven"), Sentences("one thousand two hundred seven"));
        Assert.Equal(1.0, score.Score, 12);
        Assert.Equal([5L, 4, 3, 2], score.Matches);
        Assert.Equal(1.0, score.BrevityPenalty);
    }

    [Fact]
    public void Counts_are_clipped_to_the_reference_and_a_missing_order_gives_zero_without_smoothing()
    {
        // Papineni et al.'s example: "the" ×7 against a reference with two "the"s, modified unigram precision 2/7.
        var score = Bleu.Corpus(Sentences("the the the the the the the"), Sentences("the cat is on the mat"));
        Assert.Equal(2.0 / 7, score.Precisions[0], 12);
        Assert.Equal([2L, 0, 0, 0], score.Matches);
        Assert.Equal([7L, 6, 5, 4], score.Totals);
        Assert.Equal(0.0, score.Score);
    }

    [Fact]
    public void A_short_candidate_pays_the_brevity_penalty()
    {
        // c = 4, r = 6: every n-gram matches, so BLEU = BP = exp(1 − 6/4).
        var score = Bleu.Corpus(Sentences("the cat is on"), Sentences("the cat is on the mat"));
        Assert.Equal([1.0, 1.0, 1.0, 1.0], score.Precisions);
        Assert.Equal(Math.Exp(-0.5), score.BrevityPenalty, 12);
        Assert.Equal(Math.Exp(-0.5), score.Score, 12);
        Assert.Equal((4L, 6L), (score.CandidateLength, score.ReferenceLength));
    }

    [Fact]
    public void A_long_candidate_pays_no_brevity_penalty_but_loses_precision()
    {
        // p = 5/6, 4/5, 3/4, 2/3; their product is 1/3.
        var score = Bleu.Corpus(Sentences("a b c d e f"), Sentences("a b c d e"));
        Assert.Equal(1.0, score.BrevityPenalty);
        Assert.Equal(Math.Pow(1.0 / 3, 0.25), score.Score, 12);
    }

    [Fact]
    public void Counts_are_summed_over_the_corpus_before_dividing()
    {
        // Sentence 2 alone has no trigram match (BLEU 0); the corpus has p = 8/9, 5/7, 3/5, 2/3 and c = r = 9.
        var candidates = Sentences("a b c d e", "a b x d");
        var references = Sentences("a b c d e", "a b c d");
        var score = Bleu.Corpus(candidates, references);
        Assert.Equal([8L, 5, 3, 2], score.Matches);
        Assert.Equal([9L, 7, 5, 3], score.Totals);
        Assert.Equal(Math.Pow(8.0 / 9 * 5 / 7 * 3 / 5 * 2 / 3, 0.25), score.Score, 12);
        Assert.Equal(0.0, Bleu.Corpus([candidates[1]], [references[1]]).Score);
    }

    [Fact]
    public void Candidates_shorter_than_an_order_count_no_ngrams_of_it()
    {
        // "seven" has no bigram: p_2 has nothing to count, so BLEU-4 is 0, while BLEU-1 is 1 · exp(1 − 2/1).
        var candidates = Sentences("seven");
        var references = Sentences("seventy seven");
        Assert.Equal([1L, 0, 0, 0], Bleu.Corpus(candidates, references).Totals);
        Assert.Equal(0.0, Bleu.Corpus(candidates, references).Score);
        Assert.Equal(Math.Exp(-1), Bleu.Corpus(candidates, references, maxOrder: 1).Score, 12);
    }

    [Fact]
    public void Token_indices_score_like_words_and_the_order_of_tokens_counts()
    {
        IReadOnlyList<IReadOnlyList<long>> candidates = [new long[] { 4, 5, 6, 7 }];
        IReadOnlyList<IReadOnlyList<long>> swapped = [new long[] { 5, 4, 6, 7 }];
        IReadOnlyList<IReadOnlyList<long>> references = [new long[] { 4, 5, 6, 7 }];
        Assert.Equal(1.0, Bleu.Corpus(candidates, references).Score, 12);
        var score = Bleu.Corpus(swapped, references);
        Assert.Equal([4L, 1, 0, 0], score.Matches);
        Assert.Equal(0.0, score.Score);
    }

    [Fact]
    public void Bad_arguments_are_explained()
    {
        var mismatch = Assert.Throws<ArgumentException>(() => Bleu.Corpus(Sentences("a", "b"), Sentences("a")));
        Assert.Contains("2 candidates and 1 references", mismatch.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Bleu.Corpus(Sentences("a"), Sentences("a"), maxOrder: 0));
        IReadOnlyList<IReadOnlyList<string>> nothing = [Array.Empty<string>()];
        var empty = Bleu.Corpus(nothing, Sentences("a"));
        Assert.Equal((0.0, 0.0, 0L), (empty.Score, empty.BrevityPenalty, empty.CandidateLength));
    }
}

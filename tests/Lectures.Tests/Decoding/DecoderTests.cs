using Lectures.Decoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Decoding;

[Trait("Category", "Toolkit")]
public class DecoderTests
{
    private const long Start = 0, End = 1, A = 2, B = 3;

    /// <summary>
    /// A hand-made model whose state is the prefix. After the start: A 0.6, B 0.4. After A: end 0.3, A 0.35,
    /// B 0.35. After B: end 0.9, A 0.05, B 0.05. Greedy takes A then ends at best with 0.6·0.35·… &lt; 0.4·0.9 = 0.36,
    /// the best sequence, which only a beam of width 2 keeps.
    /// </summary>
    private static (Tensor, string) Step(string prefix, long token)
    {
        var state = prefix + token;
        double[] p = state switch
        {
            "0" => [0, 0, 0.6, 0.4],
            _ when state.EndsWith('2') => [0, 0.30, 0.35, 0.35],
            _ => [0, 0.9, 0.05, 0.05],
        };
        return (torch.tensor(p.Select(x => Math.Log(x)).ToArray()), state);
    }

    [Fact]
    public void Beam_search_finds_the_best_sequence_that_greedy_misses()
    {
        var greedy = Decoder.Greedy("", Step, Start, End, maxLength: 5);
        var beam = Decoder.BeamSearch("", Step, Start, End, width: 2, maxLength: 5);

        Assert.Equal(A, greedy.Tokens[0]);
        Assert.True(greedy.LogProbability < Math.Log(0.36));
        Assert.Equal(new[] { B }, beam[0].Tokens);
        Assert.True(beam[0].Finished);
        Assert.Equal(Math.Log(0.4 * 0.9), beam[0].LogProbability, 10);
    }

    [Fact]
    public void Beam_width_one_is_greedy_on_a_random_model()
    {
        torch.manual_seed(3);
        var table = torch.randn(5, 6).log_softmax(1);
        (Tensor, int) step(int state, long token) => (table[(token + state) % 5], state + 1);

        for (var seed = 0; seed < 5; seed++)
        {
            var greedy = Decoder.Greedy(seed, step, Start, End, maxLength: 12);
            var beam = Decoder.BeamSearch(seed, step, Start, End, width: 1, maxLength: 12);
            Assert.Equal(greedy.Tokens, beam[0].Tokens);
            Assert.Equal(greedy.LogProbability, beam[0].LogProbability, 10);
        }
    }

    [Fact]
    public void Beam_search_returns_at_most_width_hypotheses_best_first()
    {
        var beams = Decoder.BeamSearch("", Step, Start, End, width: 3, maxLength: 4);
        Assert.InRange(beams.Count, 1, 3);
        Assert.Equal(beams.OrderByDescending(h => h.LogProbability).Select(h => h.LogProbability), beams.Select(h => h.LogProbability));
    }

    /// <summary>
    /// After the start: end 0.4, A 0.6. After A: end 0.6, A 0.4. Ranked by log P the empty output wins (0.4 against
    /// 0.6 · 0.6 = 0.36); per token, "A" wins (log 0.36 / 2 = −0.51 against log 0.4 / 1 = −0.92).
    /// </summary>
    private static (Tensor, string) ShortOrLong(string prefix, long token)
    {
        var state = prefix + token;
        double[] p = state == "0" ? [1e-9, 0.4, 0.6, 1e-9] : [1e-9, 0.6, 0.4, 1e-9];
        return (torch.tensor(p.Select(x => Math.Log(x)).ToArray()), state);
    }

    [Fact]
    public void Length_normalisation_prefers_the_longer_sequence_that_is_better_per_token()
    {
        var plain = Decoder.BeamSearch("", ShortOrLong, Start, End, width: 2, maxLength: 5);
        var perToken = Decoder.BeamSearch("", ShortOrLong, Start, End, width: 2, maxLength: 5, alpha: 1);

        Assert.Empty(plain[0].Tokens);
        Assert.Equal(Math.Log(0.4), plain[0].LogProbability, 8);
        Assert.Equal(new[] { A }, perToken[0].Tokens);
        Assert.Equal(Math.Log(0.36) / 2, perToken[0].NormalizedLogProbability(1), 8);
        Assert.Equal(perToken.OrderByDescending(h => h.NormalizedLogProbability(1)).ToList(), perToken);
    }

    [Fact]
    public void Hypothesis_length_counts_the_end_token_and_alpha_divides_by_its_power()
    {
        var finished = new Hypothesis([A, B, A], -6.0, true);
        var cut = new Hypothesis([A, B, A], -6.0, false);
        Assert.Equal((4, 3), (finished.Length, cut.Length));
        Assert.Equal(-6.0, finished.NormalizedLogProbability(0));
        Assert.Equal(-1.5, finished.NormalizedLogProbability(1), 12);
        Assert.Equal(-6.0 / Math.Pow(4, 0.6), finished.NormalizedLogProbability(0.6), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => finished.NormalizedLogProbability(-1));
    }

    /// <summary>Every sequence of up to <paramref name="maxLength"/> tokens, scored by hand: the exhaustive search beam search approximates.</summary>
    private static (long[] Tokens, double Score) Exhaustive(Tensor table, int maxLength, double alpha)
    {
        var best = (Tokens: Array.Empty<long>(), Score: double.NegativeInfinity);
        void Extend(List<long> tokens, long last, double logP)
        {
            var logp = table[last].data<double>().ToArray();
            var ended = logP + logp[End];                                   // finish here: tokens, then the end token
            var score = ended / Math.Pow(tokens.Count + 1, alpha);
            if (score > best.Score) best = (tokens.ToArray(), score);
            if (tokens.Count == maxLength - 1) return;                      // the end token must fit within maxLength
            for (var k = 0; k < logp.Length; k++)
                if (k != End) Extend([.. tokens, k], k, logP + logp[k]);
        }
        Extend([], Start, 0);
        return best;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.6)]
    [InlineData(1.0)]
    public void A_beam_wide_enough_to_keep_everything_finds_the_exhaustive_best(double alpha)
    {
        for (var seed = 0; seed < 6; seed++)
        {
            torch.manual_seed(seed);
            var table = (torch.randn(4, 4, dtype: ScalarType.Float64) * 1.5).log_softmax(1);   // P(next | last token)
            (Tensor, long) step(long state, long token) => (table[token], token);
            var beam = Decoder.BeamSearch(0L, step, Start, End, width: 256, maxLength: 4, alpha)[0];   // 256 > 3³ · 4 candidates
            var (tokens, score) = Exhaustive(table, 4, alpha);
            Assert.True(beam.Finished);
            Assert.Equal(tokens, beam.Tokens);
            Assert.Equal(score, beam.NormalizedLogProbability(alpha), 10);
        }
    }

    [Fact]
    public void Temperature_sampling_matches_the_softmax_and_sharpens_when_cold()
    {
        var logits = torch.tensor(new[] { 0.0, 1.0, 2.0 });
        var random = new Random(0);
        var counts = new int[3];
        for (var i = 0; i < 20000; i++) counts[Decoder.SampleIndex(logits, 1.0, random)]++;
        var expected = logits.softmax(0).data<double>().ToArray();
        for (var k = 0; k < 3; k++) Assert.Equal(expected[k], counts[k] / 20000.0, 1);

        var cold = Enumerable.Range(0, 1000).Count(_ => Decoder.SampleIndex(logits, 0.05, random) == 2);
        Assert.True(cold > 990);
        var hot = Enumerable.Range(0, 3000).Count(_ => Decoder.SampleIndex(logits, 100, random) == 0);
        Assert.InRange(hot, 850, 1150);
    }

    [Fact]
    public void Sampling_is_reproducible_with_a_seeded_random_and_stops_at_the_end_token()
    {
        var first = Decoder.Sample("", Step, Start, End, maxLength: 10, temperature: 1, random: new Random(7));
        var second = Decoder.Sample("", Step, Start, End, maxLength: 10, temperature: 1, random: new Random(7));
        Assert.Equal(first, second with { Tokens = first.Tokens });
        Assert.Equal(first.Tokens, second.Tokens);
        Assert.True(first.Finished);
    }

    [Fact]
    public void Bad_arguments_are_explained()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Decoder.SampleIndex(torch.zeros(3), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Decoder.BeamSearch("", Step, Start, End, width: 0, maxLength: 3));
        var shape = Assert.Throws<ArgumentException>(() => Decoder.Greedy(0, (int s, long t) => (torch.zeros(2, 3), s), Start, End, 3));
        Assert.Contains("got shape [2, 3]", shape.Message);
    }
}

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

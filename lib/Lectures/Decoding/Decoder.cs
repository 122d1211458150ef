using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Decoding;

/// <summary>
/// Turns a model's next-token distribution into sequences: temperature sampling, greedy decoding and beam
/// search. The model enters as a step function <c>(state, token) → (log-probabilities [V], next state)</c>, so
/// the same decoders serve a character language model and a seq2seq decoder. States must not be modified in
/// place: beam search hands the same state to several continuations.
/// </summary>
public static class Decoder
{
    /// <summary>
    /// Draws one index from softmax(logits / temperature). Temperature 1 samples the model's distribution; below 1
    /// it sharpens toward the most likely token, above 1 it flattens toward uniform.
    /// </summary>
    /// <param name="logits">1-D logits (or log-probabilities) over the vocabulary.</param>
    /// <param name="temperature">Above 0.</param>
    /// <param name="random">The random source; <c>null</c> for the one seeded by <see cref="Kit.Seed"/>.</param>
    /// <example><code>long next = Decoder.SampleIndex(logits, temperature: 0.8);</code></example>
    public static long SampleIndex(Tensor logits, double temperature = 1.0, Random? random = null)
    {
        var values = ToDoubles(logits, nameof(logits));
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a finite number above 0; for temperature → 0 use Greedy.");
        var max = values.Max();
        var weights = values.Select(v => Math.Exp((v - max) / temperature)).ToArray();
        var u = (random ?? Kit.Random).NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>Greedy decoding: at every step take the single most likely token, until the end token or <paramref name="maxLength"/>.</summary>
    /// <typeparam name="TState">The model's state, e.g. a hidden-state tensor.</typeparam>
    /// <param name="initial">The state before the first step (e.g. the encoder's final hidden state).</param>
    /// <param name="step">One decoder step: from the state and the previous token, the log-probabilities of the next token and the new state.</param>
    /// <param name="start">The token fed first.</param>
    /// <param name="end">The token that ends a sequence.</param>
    /// <param name="maxLength">Most tokens to produce.</param>
    /// <returns>The decoded sequence.</returns>
    /// <example>
    /// <code>
    /// var result = Decoder.Greedy(encoderState, (h, token) => decoder.Step(h, token), start: 1, end: 2, maxLength: 10);
    /// Console.WriteLine(vocab.Decode(result.Tokens));
    /// </code>
    /// </example>
    public static Hypothesis Greedy<TState>(TState initial, Func<TState, long, (Tensor LogProbabilities, TState State)> step,
        long start, long end, int maxLength) =>
        Generate(initial, step, start, end, maxLength, logp => Array.IndexOf(logp, logp.Max()));

    /// <summary>Sampling: at every step draw the next token from the temperature-scaled distribution.</summary>
    /// <typeparam name="TState">The model's state.</typeparam>
    /// <param name="initial">The state before the first step.</param>
    /// <param name="step">One step: log-probabilities of the next token and the new state.</param>
    /// <param name="start">The token fed first.</param>
    /// <param name="end">The token that ends a sequence (pass −1 for none, e.g. free-running text).</param>
    /// <param name="maxLength">Most tokens to produce.</param>
    /// <param name="temperature">Above 0; see <see cref="SampleIndex"/>.</param>
    /// <param name="random">The random source; <c>null</c> for the one seeded by <see cref="Kit.Seed"/>.</param>
    /// <returns>The sampled sequence; its log-probability is under the model (temperature 1).</returns>
    /// <example>
    /// <code>
    /// var sample = Decoder.Sample(h0, (h, c) => model.Step(h, c), start: vocab.IndexOf('T'), end: -1, maxLength: 200, temperature: 0.7);
    /// </code>
    /// </example>
    public static Hypothesis Sample<TState>(TState initial, Func<TState, long, (Tensor LogProbabilities, TState State)> step,
        long start, long end, int maxLength, double temperature = 1.0, Random? random = null)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a finite number above 0; for temperature → 0 use Greedy.");
        random ??= Kit.Random;
        return Generate(initial, step, start, end, maxLength, logp => (int)SampleIndex(torch.tensor(logp), temperature, random));
    }

    /// <summary>
    /// Beam search: keep the <paramref name="width"/> most likely partial sequences, extend each by every token,
    /// keep the best <paramref name="width"/> again; sequences that emit the end token are set aside. Finished
    /// sequences are ranked by log P / length^α (<see cref="Hypothesis.NormalizedLogProbability"/>); α = 0, the
    /// default, ranks by log P, which favours short sequences because every token adds a negative term. The
    /// partial sequences of one step all have the same length, so α does not change which of them are kept. Stops
    /// when no partial sequence can beat the best finished one (its log P can only fall, and its length is at most
    /// <paramref name="maxLength"/>, so its score is at most log P / maxLength^α) or at <paramref name="maxLength"/>.
    /// Width 1 is greedy decoding.
    /// </summary>
    /// <typeparam name="TState">The model's state; never modified in place.</typeparam>
    /// <param name="initial">The state before the first step.</param>
    /// <param name="step">One step: log-probabilities of the next token and the new state.</param>
    /// <param name="start">The token fed first.</param>
    /// <param name="end">The token that ends a sequence.</param>
    /// <param name="width">The beam width, at least 1.</param>
    /// <param name="maxLength">Most tokens to produce.</param>
    /// <param name="alpha">The length-normalisation exponent α ≥ 0: 0 ranks by log-probability, 1 by log-probability per token.</param>
    /// <returns>Up to <paramref name="width"/> hypotheses, best first by the normalised score (finished ones before unfinished).</returns>
    /// <example>
    /// <code>
    /// var best = Decoder.BeamSearch(encoderState, (h, token) => decoder.Step(h, token), start: 1, end: 2, width: 4, maxLength: 10)[0];
    /// var perToken = Decoder.BeamSearch(encoderState, (h, token) => decoder.Step(h, token), start: 1, end: 2, width: 4, maxLength: 10, alpha: 1)[0];
    /// </code>
    /// </example>
    public static List<Hypothesis> BeamSearch<TState>(TState initial, Func<TState, long, (Tensor LogProbabilities, TState State)> step,
        long start, long end, int width, int maxLength, double alpha = 0)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "The beam width must be at least 1.");
        CheckLength(maxLength);
        Hypothesis.CheckAlpha(alpha);
        var beams = new List<(List<long> Tokens, double LogP, TState State, long Last)> { ([], 0.0, initial, start) };
        var finished = new List<Hypothesis>();
        var longest = Math.Pow(maxLength, alpha);                            // the largest length^α a hypothesis can reach
        for (var t = 0; t < maxLength && beams.Count > 0; t++)
        {
            var candidates = new List<(List<long> Tokens, double LogP, TState State, long Token)>();
            foreach (var beam in beams)
            {
                var (logProbabilities, next) = step(beam.State, beam.Last);
                var logp = ToDoubles(logProbabilities, "the step function's log-probabilities");
                for (var k = 0; k < logp.Length; k++) candidates.Add((beam.Tokens, beam.LogP + logp[k], next, k));
            }
            beams = [];
            foreach (var c in candidates.OrderByDescending(c => c.LogP).Take(width))
            {
                if (c.Token == end) finished.Add(new Hypothesis(c.Tokens.ToArray(), c.LogP, true));
                else beams.Add(([.. c.Tokens, c.Token], c.LogP, c.State, c.Token));
            }
            if (finished.Count > 0 && beams.Count > 0
                && finished.Max(h => h.NormalizedLogProbability(alpha)) >= beams.Max(b => b.LogP) / longest) break;
        }
        var unfinished = beams.Select(b => new Hypothesis(b.Tokens.ToArray(), b.LogP, false));
        return finished.OrderByDescending(h => h.NormalizedLogProbability(alpha))
            .Concat(unfinished.OrderByDescending(h => h.NormalizedLogProbability(alpha)))
            .Take(width).ToList();
    }

    private static Hypothesis Generate<TState>(TState initial, Func<TState, long, (Tensor LogProbabilities, TState State)> step,
        long start, long end, int maxLength, Func<double[], int> choose)
    {
        ArgumentNullException.ThrowIfNull(step);
        CheckLength(maxLength);
        var tokens = new List<long>();
        var (state, last, total) = (initial, start, 0.0);
        for (var t = 0; t < maxLength; t++)
        {
            var (logProbabilities, next) = step(state, last);
            var logp = ToDoubles(logProbabilities, "the step function's log-probabilities");
            var token = choose(logp);
            total += logp[token];
            if (token == end) return new Hypothesis(tokens.ToArray(), total, true);
            tokens.Add(token);
            (state, last) = (next, token);
        }
        return new Hypothesis(tokens.ToArray(), total, false);
    }

    private static void CheckLength(int maxLength)
    {
        if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must be at least 1.");
    }

    private static double[] ToDoubles(Tensor values, string what)
    {
        ArgumentNullException.ThrowIfNull(values, what);
        var flat = values.dim() == 2 && values.shape[0] == 1 ? values.squeeze(0) : values;
        if (flat.dim() != 1 || flat.shape[0] == 0)
            throw new ArgumentException($"Expected {what} as a 1-D tensor [V] (or [1, V]); got shape [{string.Join(", ", values.shape)}].");
        return flat.detach().to_type(ScalarType.Float64).data<double>().ToArray();
    }
}

namespace Lectures.Data;

/// <summary>
/// Stock-price-like series: a geometric random walk <c>p_t = p_{t−1} · exp(drift + volatility · ε_t)</c>,
/// ε_t ~ N(0, 1). Tomorrow is today plus noise, so the last value is a hard baseline to beat.
/// </summary>
public static class RandomWalk
{
    /// <summary>Generates <paramref name="length"/> prices starting at <paramref name="start"/>.</summary>
    /// <param name="length">Number of steps.</param>
    /// <param name="start">The first price.</param>
    /// <param name="drift">Mean log-return per step.</param>
    /// <param name="volatility">Standard deviation of the log-return per step.</param>
    /// <param name="seed">Seed; without it, one is drawn from the generator seeded by <see cref="Kit.Seed"/>.</param>
    /// <example><code>float[] prices = RandomWalk.Generate(500, seed: 0);</code></example>
    public static float[] Generate(int length, double start = 100, double drift = 0.0005, double volatility = 0.01, int? seed = null)
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "The length must be at least 1.");
        if (!(start > 0)) throw new ArgumentOutOfRangeException(nameof(start), start, "A price walk must start above 0.");
        if (!(volatility >= 0)) throw new ArgumentOutOfRangeException(nameof(volatility), volatility, "The volatility cannot be negative.");
        var random = new Random(seed ?? Kit.NextSeed());
        var prices = new float[length];
        var p = start;
        for (var t = 0; t < length; t++)
        {
            prices[t] = (float)p;
            p *= Math.Exp(drift + volatility * Gaussian.Next(random));
        }
        return prices;
    }
}

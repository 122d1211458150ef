namespace Lectures.Data;

/// <summary>
/// Weather-like series: a daily cycle plus a slower seasonal cycle, a linear trend and noise,
/// <c>x_t = a·sin(2πt/period) + (a/2)·sin(2πt/(longPeriod)) + trend·t + noise·ε_t</c>. Unlike a random walk it
/// is predictable from its past, so a recurrent model can beat the last-value baseline.
/// </summary>
public static class SeasonalSeries
{
    /// <summary>Generates <paramref name="length"/> values.</summary>
    /// <param name="length">Number of steps.</param>
    /// <param name="period">Steps per short cycle (24 for hourly data with a daily cycle).</param>
    /// <param name="amplitude">Amplitude a of the short cycle.</param>
    /// <param name="trend">Added per step.</param>
    /// <param name="noise">Standard deviation of the Gaussian noise.</param>
    /// <param name="longPeriod">Steps per long cycle; 0 for none.</param>
    /// <param name="seed">Seed; without it, one is drawn from the generator seeded by <see cref="Kit.Seed"/>.</param>
    /// <example><code>float[] temperature = SeasonalSeries.Generate(2000, period: 24, seed: 0);</code></example>
    public static float[] Generate(int length, int period = 24, double amplitude = 1, double trend = 0, double noise = 0.1,
        int longPeriod = 0, int? seed = null)
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "The length must be at least 1.");
        if (period < 2) throw new ArgumentOutOfRangeException(nameof(period), period, "A cycle needs a period of at least 2 steps.");
        if (longPeriod is < 0 or 1) throw new ArgumentOutOfRangeException(nameof(longPeriod), longPeriod, "The long period must be 0 (none) or at least 2.");
        if (!(noise >= 0)) throw new ArgumentOutOfRangeException(nameof(noise), noise, "The noise level cannot be negative.");
        var random = new Random(seed ?? Kit.NextSeed());
        var series = new float[length];
        for (var t = 0; t < length; t++)
        {
            var x = amplitude * Math.Sin(2 * Math.PI * t / period) + trend * t + noise * Gaussian.Next(random);
            if (longPeriod > 0) x += amplitude / 2 * Math.Sin(2 * Math.PI * t / longPeriod);
            series[t] = (float)x;
        }
        return series;
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Data;

/// <summary>
/// Cuts one long sequence into training examples: windows for language models (predict each next token), windows
/// for forecasting (predict the values after a window) and parallel streams for truncated BPTT.
/// </summary>
public static class Windows
{
    /// <summary>
    /// Language-model windows: input <c>tokens[s..s+length)</c>, target the same window shifted by one,
    /// <c>tokens[s+1..s+length]</c>, for s = 0, stride, 2·stride, ….
    /// </summary>
    /// <param name="tokens">The encoded text.</param>
    /// <param name="length">Steps per window.</param>
    /// <param name="stride">Distance between window starts; <paramref name="length"/> gives non-overlapping windows.</param>
    /// <example>
    /// <code>
    /// var data = Windows.NextToken(vocab.Encode(text), length: 32, stride: 32);  // inputs and targets [N, 32]
    /// </code>
    /// </example>
    public static Dataset NextToken(long[] tokens, int length, int stride = 1)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var (inputs, targets, count) = Shifted(tokens, length, stride, nameof(tokens));
        return new Dataset(torch.tensor(inputs, [count, length]), torch.tensor(targets, [count, length]));
    }

    /// <summary>
    /// Forecasting windows: input <c>series[s..s+inputLength)</c> as [N, inputLength, 1], target the next
    /// <paramref name="horizon"/> values <c>series[s+inputLength..s+inputLength+horizon)</c> as [N, horizon].
    /// </summary>
    /// <param name="series">The time series.</param>
    /// <param name="inputLength">Steps the model sees.</param>
    /// <param name="horizon">Steps it predicts.</param>
    /// <param name="stride">Distance between window starts.</param>
    /// <example>
    /// <code>
    /// var series = SeasonalSeries.Generate(1000, period: 24, seed: 0);
    /// var data = Windows.Forecast(series, inputLength: 48, horizon: 1);
    /// </code>
    /// </example>
    public static Dataset Forecast(float[] series, int inputLength, int horizon = 1, int stride = 1)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (horizon < 1) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be at least 1.");
        var starts = Starts(series.Length, inputLength + horizon, stride, nameof(series));
        var inputs = new float[starts.Length * inputLength];
        var targets = new float[starts.Length * horizon];
        for (var n = 0; n < starts.Length; n++)
        {
            Array.Copy(series, starts[n], inputs, n * inputLength, inputLength);
            Array.Copy(series, starts[n] + inputLength, targets, n * horizon, horizon);
        }
        return new Dataset(torch.tensor(inputs, [starts.Length, inputLength, 1]), torch.tensor(targets, [starts.Length, horizon]));
    }

    /// <summary>
    /// Many-to-many forecasting windows: input <c>series[s..s+length)</c> as [N, length, 1], target the same
    /// window shifted by one, <c>series[s+1..s+length]</c>, as [N, length]: a prediction at every step.
    /// </summary>
    /// <param name="series">The time series.</param>
    /// <param name="length">Steps per window.</param>
    /// <param name="stride">Distance between window starts.</param>
    /// <example><code>var data = Windows.NextValue(RandomWalk.Generate(1000, seed: 0), length: 50, stride: 25);</code></example>
    public static Dataset NextValue(float[] series, int length, int stride = 1)
    {
        ArgumentNullException.ThrowIfNull(series);
        var (inputs, targets, count) = Shifted(series, length, stride, nameof(series));
        return new Dataset(torch.tensor(inputs, [count, length, 1]), torch.tensor(targets, [count, length]));
    }

    /// <summary>
    /// Splits a long token sequence into <paramref name="streams"/> contiguous rows [B, M] (the tail that does
    /// not fill a row is dropped), with targets shifted by one. Truncated BPTT walks along dimension 1, carrying
    /// each row's hidden state from chunk to chunk.
    /// </summary>
    /// <param name="tokens">The encoded text.</param>
    /// <param name="streams">Number of parallel rows B.</param>
    /// <example>
    /// <code>
    /// var stream = Windows.Streams(vocab.Encode(text), streams: 16);   // inputs and targets [16, M]
    /// </code>
    /// </example>
    public static Dataset Streams(long[] tokens, int streams)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (streams < 1) throw new ArgumentOutOfRangeException(nameof(streams), streams, "The number of streams must be at least 1.");
        var rowLength = (tokens.Length - 1) / streams;
        if (rowLength < 1)
            throw new ArgumentException($"{tokens.Length} tokens are too few for {streams} streams: each needs at least 2.", nameof(tokens));
        var inputs = new long[streams * rowLength];
        var targets = new long[streams * rowLength];
        for (var b = 0; b < streams; b++)
        {
            Array.Copy(tokens, b * rowLength, inputs, b * rowLength, rowLength);
            Array.Copy(tokens, b * rowLength + 1, targets, b * rowLength, rowLength);
        }
        return new Dataset(torch.tensor(inputs, [streams, rowLength]), torch.tensor(targets, [streams, rowLength]));
    }

    /// <summary>Windows of <paramref name="length"/> steps and the same windows one step later, flattened row by row.</summary>
    private static (T[] Inputs, T[] Targets, int Count) Shifted<T>(T[] values, int length, int stride, string name)
    {
        var starts = Starts(values.Length, length + 1, stride, name);
        var inputs = new T[starts.Length * length];
        var targets = new T[starts.Length * length];
        for (var n = 0; n < starts.Length; n++)
        {
            Array.Copy(values, starts[n], inputs, n * length, length);
            Array.Copy(values, starts[n] + 1, targets, n * length, length);
        }
        return (inputs, targets, starts.Length);
    }

    private static int[] Starts(int available, int needed, int stride, string name)
    {
        if (needed < 2) throw new ArgumentOutOfRangeException(name, "Windows need at least one input step.");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "The stride must be at least 1.");
        if (available < needed)
            throw new ArgumentException($"The sequence has {available} steps but one window needs {needed}.", name);
        var count = (available - needed) / stride + 1;
        return Enumerable.Range(0, count).Select(n => n * stride).ToArray();
    }
}

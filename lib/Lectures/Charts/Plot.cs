using System.Numerics;
using Lectures.Training;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using static TorchSharp.torch;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Lectures.Charts;

/// <summary>
/// The course's charts, all in one style (<c>ChartStyle</c>): each returns a Plotly.NET chart that a notebook cell
/// shows by returning it. Series share the palette in order, so "the second run" has the same colour everywhere.
/// </summary>
public static class Plot
{
    /// <summary>
    /// Training curves of one or more runs on one chart: per epoch (training solid, validation dashed, one colour
    /// per run) or per step.
    /// </summary>
    /// <param name="runs">The histories returned by <see cref="Trainer.Fit"/>.</param>
    /// <param name="metric">What to plot.</param>
    /// <param name="perStep">Plot every optimisation step (loss or gradient norm only) instead of epochs.</param>
    /// <param name="logY">Logarithmic y axis (useful for losses that explode).</param>
    /// <returns>The chart.</returns>
    /// <example><code>Plot.TrainingCurves(new[] { rnnHistory, lstmHistory }, Metric.Loss)</code></example>
    public static GenericChart TrainingCurves(IEnumerable<TrainingHistory> runs, Metric metric = Metric.Loss, bool perStep = false, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.ToList();
        if (list.Count == 0) throw new ArgumentException("Give at least one training history.", nameof(runs));
        if (perStep && metric is not (Metric.Loss or Metric.GradientNorm))
            throw new ArgumentException($"Per-step curves exist for the loss and the gradient norm, not for {metric}.", nameof(metric));
        var traces = new List<GenericChart>();
        for (var i = 0; i < list.Count; i++)
        {
            var run = list[i];
            if (perStep)
            {
                var y = metric == Metric.Loss ? run.StepLosses : run.StepGradientNorms;
                traces.Add(Line(Enumerable.Range(1, y.Count).Select(s => (double)s), y, run.Label, i));
                continue;
            }
            var epochs = run.Epochs.Select(e => (double)e.Epoch).ToList();
            var (train, validation) = Select(run, metric);
            traces.Add(Line(epochs, train, list.Count == 1 ? "training" : $"{run.Label} (training)", i));
            if (validation.All(v => v.HasValue) && validation.Count > 0)
                traces.Add(Line(epochs, validation.Select(v => v!.Value), list.Count == 1 ? "validation" : $"{run.Label} (validation)", i, dashed: true));
        }
        var name = metric switch
        {
            Metric.Loss => "loss", Metric.Accuracy => "accuracy", Metric.Perplexity => "perplexity", _ => "gradient norm ‖g‖ (before clipping)",
        };
        var title = list.Count == 1 ? $"{list[0].Label}: {name}" : $"Training curves: {name}";
        return ChartStyle.Finish(CSharpChart.Combine(traces), title, perStep ? "step" : "epoch", name, logY: logY);
    }

    /// <summary>One or more sequences of values against the time step t = 1, 2, ….</summary>
    /// <param name="series">Named sequences, e.g. ("h₁", values) or ("x₁ influence", norms).</param>
    /// <param name="title">The chart title.</param>
    /// <param name="yTitle">The y-axis title.</param>
    /// <param name="logY">Logarithmic y axis.</param>
    /// <returns>The chart.</returns>
    /// <example><code>Plot.Values(new[] { ("prediction", predicted), ("target", target) }, "Output over time", "y_t")</code></example>
    public static GenericChart Values(IEnumerable<(string Name, IReadOnlyList<double> Values)> series, string title, string yTitle, bool logY = false) =>
        Lines(NonEmpty(series, nameof(series)).Select(s => (s.Name, (IReadOnlyList<double>)Steps(s.Values.Count), s.Values)),
            title, "time step t", yTitle, logY: logY);

    /// <summary>General line chart: named (x, y) series with chosen axis titles and types.</summary>
    /// <param name="series">Named series; x and y of equal length.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="xTitle">The x-axis title.</param>
    /// <param name="yTitle">The y-axis title.</param>
    /// <param name="logX">Logarithmic x axis.</param>
    /// <param name="logY">Logarithmic y axis.</param>
    /// <returns>The chart.</returns>
    /// <example><code>Plot.Lines(new[] { ("LSTM", lengths, lstmAccuracy), ("RNN", lengths, rnnAccuracy) }, "Copy task", "gap", "accuracy")</code></example>
    public static GenericChart Lines(IEnumerable<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series, string title,
        string xTitle, string yTitle, bool logX = false, bool logY = false)
    {
        var list = NonEmpty(series, nameof(series));
        foreach (var (name, x, y) in list)
            if (x.Count != y.Count) throw new ArgumentException($"Series '{name}' has {x.Count} x values but {y.Count} y values.", nameof(series));
        return ChartStyle.Finish(CSharpChart.Combine(list.Select((s, i) => Line(s.X, s.Y, s.Name, i))), title, xTitle, yTitle, logX, logY);
    }

    /// <summary>
    /// Gradient norm ‖∂h_t/∂h_k‖ (or any norm) against the distance t − k on a logarithmic y axis, where
    /// exponential decay or growth is a straight line.
    /// </summary>
    /// <param name="series">Named norms, element i at distance i + 1.</param>
    /// <param name="title">The chart title.</param>
    /// <returns>The chart.</returns>
    /// <example><code>Plot.GradientNormByDistance(new[] { ("λ = 0.9", small), ("λ = 1.1", large) })</code></example>
    public static GenericChart GradientNormByDistance(IEnumerable<(string Name, IReadOnlyList<double> Norms)> series,
        string title = "Gradient norm vs distance") =>
        Lines(NonEmpty(series, nameof(series)).Select(s => (s.Name, (IReadOnlyList<double>)Steps(s.Norms.Count), s.Norms)),
            title, "distance t − k", "‖∂h_t/∂h_k‖", logY: true);

    /// <summary>
    /// A heatmap of hidden states or gate activations over time: values [T, units] drawn with time on the x axis
    /// and one row per unit. Without <paramref name="range"/> the colours are a diverging scale stretched to the
    /// data (for states in (−1, 1)); with it, a sequential scale (Viridis: dark for low, yellow for high) fixed to
    /// that range, so maps of different gates or models can be compared colour for colour.
    /// </summary>
    /// <param name="values">A 2-D tensor [T, units] (squeeze a batch dimension of 1 first).</param>
    /// <param name="title">The chart title, e.g. "Forget gate f_t".</param>
    /// <param name="unitLabel">Name of the rows, e.g. "hidden unit" or "gate unit".</param>
    /// <param name="timeLabels">Optional labels for the time steps, e.g. the input characters.</param>
    /// <param name="range">A fixed colour range, e.g. (0, 1) for gate activations; null to fit the data.</param>
    /// <returns>The chart.</returns>
    /// <example><code>Plot.Heatmap(trace["f"].squeeze(1), "Forget gate f_t", timeLabels: "hello".Select(c => c.ToString()).ToArray(), range: (0, 1))</code></example>
    public static GenericChart Heatmap(Tensor values, string title, string unitLabel = "unit", IReadOnlyList<string>? timeLabels = null,
        (double Min, double Max)? range = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.dim() != 2)
            throw new ArgumentException($"A heatmap needs a 2-D tensor [T, units]; got shape [{string.Join(", ", values.shape)}].", nameof(values));
        var (steps, units) = ((int)values.shape[0], (int)values.shape[1]);
        if (timeLabels is not null && timeLabels.Count != steps)
            throw new ArgumentException($"Got {timeLabels.Count} time labels for {steps} time steps.", nameof(timeLabels));
        if (range is { } r && !(double.IsFinite(r.Min) && double.IsFinite(r.Max) && r.Min < r.Max))
            throw new ArgumentException($"A colour range needs finite Min < Max; got ({r.Min}, {r.Max}).", nameof(range));
        var z = Rows(values.T);   // one row per unit
        var x = timeLabels is null ? Steps(steps).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : timeLabels.Select((label, t) => $"{t + 1}:{label}").ToArray();
        var chart = CSharpChart.Heatmap<double, string, int, string>(zData: z, X: x, Y: Enumerable.Range(1, units).ToArray(),
            ColorScale: range is null ? StyleParam.Colorscale.RdBu : StyleParam.Colorscale.Viridis, ReverseScale: range is null);
        if (range is { } fixedRange)
            chart = GenericChart.mapTrace(FSharpFunc<Trace, Trace>.FromConverter(trace =>
            {
                trace.SetProperty("zmin", fixedRange.Min);
                trace.SetProperty("zmax", fixedRange.Max);
                return trace;
            }), chart);
        return ChartStyle.Finish(chart, title, "time step t", unitLabel, categoryX: true);
    }

    /// <summary>
    /// A grey-scale image such as a rendered word: pixel row 0 at the top, high values (ink) dark, and the chart's
    /// height set from the image's shape so pixels stay about square.
    /// </summary>
    /// <param name="pixels">A 2-D tensor [rows, columns].</param>
    /// <param name="title">The chart title.</param>
    /// <returns>The chart.</returns>
    /// <example><code>Plot.Image(TextImages.Render("cat", new Random(0)).Pixels, "cat")</code></example>
    public static GenericChart Image(Tensor pixels, string title)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.dim() != 2)
            throw new ArgumentException($"An image needs a 2-D tensor [rows, columns]; got shape [{string.Join(", ", pixels.shape)}].", nameof(pixels));
        var (rows, columns) = ((int)pixels.shape[0], (int)pixels.shape[1]);
        var chart = CSharpChart.Heatmap<double, int, int, string>(zData: Rows(pixels), X: Enumerable.Range(0, columns).ToArray(),
            Y: Enumerable.Range(0, rows).ToArray(), ColorScale: StyleParam.Colorscale.Greys, ReverseScale: true, ShowScale: false,
            ReverseYAxis: true);
        var plotHeight = (ChartStyle.Width - 160) * rows / columns;          // 160 px of margins left and right
        return ChartStyle.Finish(chart, title, "column", "row").WithSize(ChartStyle.Width, Math.Clamp(plotHeight + 160, 200, 900));
    }

    /// <summary>Trajectories h_t of a one-dimensional dynamical system from several starting points, against t.</summary>
    /// <param name="trajectories">One sequence per starting point h_0 (element 0 is h_0).</param>
    /// <param name="title">The chart title.</param>
    /// <param name="fixedPoint">Draws a dotted line at a known fixed point, if given.</param>
    /// <returns>The chart.</returns>
    /// <example><code>Plot.Trajectories(starts.Select(h0 => Iterate(h0, 30)), "h_t = σ(θ h_{t−1})", fixedPoint: 0.5708)</code></example>
    public static GenericChart Trajectories(IEnumerable<IReadOnlyList<double>> trajectories, string title, double? fixedPoint = null)
    {
        var list = NonEmpty(trajectories, nameof(trajectories));
        var traces = list.Select((h, i) => Line(Enumerable.Range(0, h.Count).Select(t => (double)t), h, $"h₀ = {h[0]:G3}", i)).ToList();
        if (fixedPoint is double p)
        {
            var length = list.Max(h => h.Count) - 1;
            traces.Add(CSharpChart.Line<double, double, string>(x: [0, length], y: [p, p], Name: $"fixed point {p:G4}",
                LineColor: Color.fromHex("#555555"), LineDash: StyleParam.DrawingStyle.Dot));
        }
        return ChartStyle.Finish(CSharpChart.Combine(traces), title, "time step t", "h_t");
    }

    /// <summary>Eigenvalues in the complex plane with the unit circle: inside it, repeated multiplication shrinks; outside, it grows.</summary>
    /// <param name="eigenvalues">The eigenvalues.</param>
    /// <param name="title">The chart title.</param>
    /// <returns>The chart.</returns>
    /// <example><code>Plot.Eigenvalues(eigenvaluesOfW, "Eigenvalues of W")</code></example>
    public static GenericChart Eigenvalues(IEnumerable<Complex> eigenvalues, string title = "Eigenvalues")
    {
        var values = NonEmpty(eigenvalues, nameof(eigenvalues));
        var angles = Enumerable.Range(0, 201).Select(i => 2 * Math.PI * i / 200).ToList();
        var circle = CSharpChart.Line<double, double, string>(x: angles.Select(Math.Cos), y: angles.Select(Math.Sin), Name: "unit circle",
            LineColor: Color.fromHex("#555555"), LineDash: StyleParam.DrawingStyle.Dash);
        var points = CSharpChart.Point<double, double, string>(x: values.Select(v => v.Real), y: values.Select(v => v.Imaginary),
            Name: "eigenvalues", MarkerColor: ChartStyle.Colour(1));
        var limit = Math.Max(1.1, values.Max(v => v.Magnitude) * 1.1);
        var chart = ChartStyle.Finish(CSharpChart.Combine([circle, points]), title, "real part", "imaginary part");
        return chart
            .WithXAxisStyle<double, double, string>(TitleText: "real part", MinMax: Tuple.Create(-limit, limit))
            .WithYAxisStyle<double, double, string>(TitleText: "imaginary part", MinMax: Tuple.Create(-limit, limit));
    }

    /// <summary>A bar chart of parameter counts, e.g. RNN vs GRU vs LSTM at the same hidden size.</summary>
    /// <param name="counts">Named counts.</param>
    /// <param name="title">The chart title.</param>
    /// <returns>The chart.</returns>
    /// <example><code>Plot.ParameterCounts(new[] { ("RNN", 1120L), ("GRU", 3360L), ("LSTM", 4480L) })</code></example>
    public static GenericChart ParameterCounts(IEnumerable<(string Name, long Count)> counts, string title = "Parameter counts")
    {
        var list = NonEmpty(counts, nameof(counts));
        var chart = CSharpChart.Column<long, string, string>(values: list.Select(c => c.Count), Keys: list.Select(c => c.Name).ToArray(),
            Name: "parameters", MarkerColor: ChartStyle.Colour(0), MultiText: list.Select(c => c.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        return ChartStyle.Finish(chart, title, "model", "parameters", categoryX: true);
    }

    /// <summary>
    /// A forecast against the truth: the true series, the model's forecast from <paramref name="forecastStart"/> on,
    /// and optionally a baseline (e.g. the last value), so the error is visible.
    /// </summary>
    /// <param name="truth">The true series.</param>
    /// <param name="forecast">Forecast values for steps forecastStart, forecastStart + 1, ….</param>
    /// <param name="forecastStart">Index into <paramref name="truth"/> of the first forecast step.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="baseline">Optional baseline forecast aligned like <paramref name="forecast"/>.</param>
    /// <returns>The chart.</returns>
    /// <example><code>Plot.Forecast(series, predicted, forecastStart: 800, baseline: lastValue)</code></example>
    public static GenericChart Forecast(IReadOnlyList<double> truth, IReadOnlyList<double> forecast, int forecastStart,
        string title = "Forecast vs truth", IReadOnlyList<double>? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(forecast);
        if (forecastStart < 0 || forecastStart + forecast.Count > truth.Count)
            throw new ArgumentException(
                $"The forecast covers steps {forecastStart}..{forecastStart + forecast.Count - 1} but the truth has steps 0..{truth.Count - 1}.", nameof(forecast));
        if (baseline is not null && baseline.Count != forecast.Count)
            throw new ArgumentException($"The baseline has {baseline.Count} values but the forecast {forecast.Count}.", nameof(baseline));
        var ahead = Enumerable.Range(forecastStart, forecast.Count).Select(t => (double)t).ToList();
        var traces = new List<GenericChart>
        {
            Line(Enumerable.Range(0, truth.Count).Select(t => (double)t), truth, "truth", 0),
            Line(ahead, forecast, "forecast", 1),
        };
        if (baseline is not null) traces.Add(Line(ahead, baseline, "baseline", 2, dashed: true));
        return ChartStyle.Finish(CSharpChart.Combine(traces), title, "time step t", "value");
    }

    private static GenericChart Line(IEnumerable<double> x, IEnumerable<double> y, string name, int colour, bool dashed = false) =>
        CSharpChart.Line<double, double, string>(x: x, y: y, Name: name, LineColor: ChartStyle.Colour(colour),
            LineDash: dashed ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid);

    private static (List<double> Train, List<double?> Validation) Select(TrainingHistory run, Metric metric) => metric switch
    {
        Metric.Loss => (run.Epochs.Select(e => e.TrainLoss).ToList(), run.Epochs.Select(e => e.ValidationLoss).ToList()),
        Metric.Perplexity => (run.Epochs.Select(e => e.TrainPerplexity).ToList(), run.Epochs.Select(e => e.ValidationPerplexity).ToList()),
        Metric.GradientNorm => (run.Epochs.Select(e => e.MeanGradientNorm).ToList(), []),
        _ => run.Epochs.Any(e => e.TrainAccuracy is null)
            ? throw new ArgumentException($"Run '{run.Label}' recorded no accuracy: return Correct and Count from the step function.", nameof(metric))
            : (run.Epochs.Select(e => e.TrainAccuracy!.Value).ToList(), run.Epochs.Select(e => e.ValidationAccuracy).ToList()),
    };

    /// <summary>The rows of a 2-D tensor as float64 arrays, the z data of Plotly's heatmaps.</summary>
    private static double[][] Rows(Tensor matrix)
    {
        var columns = (int)matrix.shape[1];
        var data = matrix.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        return data.Chunk(columns).ToArray();
    }

    private static double[] Steps(int count) => Enumerable.Range(1, count).Select(t => (double)t).ToArray();

    private static List<T> NonEmpty<T>(IEnumerable<T> items, string name)
    {
        ArgumentNullException.ThrowIfNull(items, name);
        var list = items.ToList();
        if (list.Count == 0) throw new ArgumentException("Nothing to plot: the list is empty.", name);
        return list;
    }
}

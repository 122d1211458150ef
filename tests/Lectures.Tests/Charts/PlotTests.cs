using System.Numerics;
using System.Text.Json;
using Lectures.Charts;
using Lectures.Data;
using Lectures.Training;
using Plotly.NET;
using TorchSharp;

namespace Lectures.Tests.Charts;

[Trait("Category", "Toolkit")]
public class PlotTests : Lectures.Tests.Training.SingleThreaded
{
    private static JsonElement Json(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;

    private static JsonElement[] Traces(JsonElement json) => json.GetProperty("data").EnumerateArray().ToArray();

    private static string Title(JsonElement json) => json.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!;

    private static string AxisTitle(JsonElement json, string axis) =>
        json.GetProperty("layout").GetProperty(axis).GetProperty("title").GetProperty("text").GetString()!;

    private static string AxisType(JsonElement json, string axis) => json.GetProperty("layout").GetProperty(axis).GetProperty("type").GetString()!;

    private static TrainingHistory Run(string label, int seed)
    {
        torch.manual_seed(seed);
        using var model = torch.nn.Linear(1, 1);
        var data = new Dataset(torch.randn(32, 1), torch.randn(32, 1));
        return Trainer.Fit(model, data, data, b => new StepResult(torch.nn.functional.mse_loss(model.call(b.Inputs), b.Targets)),
            new TrainingOptions { Epochs = 3, BatchSize = 8, ShowProgress = false, ShuffleSeed = 0, Label = label });
    }

    [Fact]
    public void Training_curves_put_every_run_on_one_chart_with_dashed_validation()
    {
        var json = Json(Plot.TrainingCurves([Run("RNN", 0), Run("LSTM", 1)]));

        var traces = Traces(json);
        Assert.Equal(4, traces.Length);
        Assert.Equal(new[] { "RNN (training)", "RNN (validation)", "LSTM (training)", "LSTM (validation)" },
            traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("dash", traces[1].GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal(traces[0].GetProperty("line").GetProperty("color").GetString(), traces[1].GetProperty("line").GetProperty("color").GetString());
        Assert.NotEqual(traces[0].GetProperty("line").GetProperty("color").GetString(), traces[2].GetProperty("line").GetProperty("color").GetString());
        Assert.Equal("Training curves: loss", Title(json));
        Assert.Equal("epoch", AxisTitle(json, "xaxis"));
        Assert.Equal(3, traces[0].GetProperty("x").GetArrayLength());
    }

    [Fact]
    public void Per_step_curves_and_missing_accuracy_are_handled()
    {
        var run = Run("RNN", 0);
        var json = Json(Plot.TrainingCurves([run], Metric.GradientNorm, perStep: true, logY: true));
        Assert.Equal(run.StepGradientNorms.Count, Traces(json)[0].GetProperty("y").GetArrayLength());
        Assert.Equal("log", AxisType(json, "yaxis"));
        var error = Assert.Throws<ArgumentException>(() => Plot.TrainingCurves([run], Metric.Accuracy));
        Assert.Contains("recorded no accuracy", error.Message);
    }

    [Fact]
    public void Gradient_norm_by_distance_uses_a_log_axis_and_distances_from_one()
    {
        var json = Json(Plot.GradientNormByDistance([("λ = 0.9", new[] { 0.9, 0.81, 0.729 }), ("λ = 1.1", new[] { 1.1, 1.21, 1.331 })]));

        Assert.Equal("log", AxisType(json, "yaxis"));
        Assert.Equal("linear", AxisType(json, "xaxis"));
        Assert.Equal("distance t − k", AxisTitle(json, "xaxis"));
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, Traces(json)[0].GetProperty("x").EnumerateArray().Select(x => x.GetDouble()));
    }

    [Fact]
    public void Heatmap_has_one_row_per_unit_and_one_column_per_step()
    {
        var values = torch.arange(12, dtype: torch.ScalarType.Float32).reshape(4, 3);   // T = 4, units = 3
        var json = Json(Plot.Heatmap(values, "Hidden states", "hidden unit", ["h", "e", "l", "l"]));

        var trace = Assert.Single(Traces(json));
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        var z = trace.GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(3, z.Length);
        Assert.Equal(new[] { 1.0, 4, 7, 10 }, z[1]);
        Assert.Equal("1:h", trace.GetProperty("x")[0].GetString());
        Assert.Equal("category", AxisType(json, "xaxis"));       // labelled steps are categories, or nothing is drawn
        Assert.Equal("time step t", AxisTitle(json, "xaxis"));
        Assert.Equal("Hidden states", Title(json));
        Assert.Throws<ArgumentException>(() => Plot.Heatmap(torch.zeros(2, 3, 4), "bad"));
    }

    [Fact]
    public void Image_keeps_rows_top_down_with_ink_dark_and_square_pixels()
    {
        var pixels = torch.tensor(new float[] { 0, 1, 0, 1, 1, 1 }).reshape(2, 3);
        var json = Json(Plot.Image(pixels, "Two rows"));

        var trace = Assert.Single(Traces(json));
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        var z = trace.GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(new[] { 0.0, 1, 0 }, z[0]);
        Assert.True(trace.GetProperty("reversescale").GetBoolean());
        Assert.Equal("reversed", json.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Equal("Two rows", Title(json));
        Assert.Equal(560 * 2 / 3 + 160, json.GetProperty("layout").GetProperty("height").GetInt32());
        Assert.Throws<ArgumentException>(() => Plot.Image(torch.zeros(3), "bad"));
    }

    [Fact]
    public void Eigenvalue_chart_draws_the_unit_circle_and_the_points()
    {
        var json = Json(Plot.Eigenvalues([new Complex(0.5, 0.5), new Complex(0.5, -0.5), new Complex(1.2, 0)]));

        var traces = Traces(json);
        Assert.Equal("unit circle", traces[0].GetProperty("name").GetString());
        var xs = traces[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var ys = traces[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.All(xs.Zip(ys), p => Assert.Equal(1.0, p.First * p.First + p.Second * p.Second, 9));
        Assert.Equal(new[] { 0.5, 0.5, 1.2 }, traces[1].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("markers", traces[1].GetProperty("mode").GetString());
    }

    [Fact]
    public void Parameter_counts_trajectories_values_and_forecast_have_the_expected_traces()
    {
        var bars = Json(Plot.ParameterCounts([("RNN", 1120L), ("GRU", 3360L), ("LSTM", 4480L)]));
        var bar = Assert.Single(Traces(bars));
        Assert.Equal("bar", bar.GetProperty("type").GetString());
        Assert.Equal(new[] { "RNN", "GRU", "LSTM" }, bar.GetProperty("x").EnumerateArray().Select(v => v.GetString()));

        var trajectories = Json(Plot.Trajectories([new[] { 0.0, 0.3, 0.5 }, new[] { 1.0, 0.7, 0.6 }], "σ(θh)", fixedPoint: 0.5708));
        Assert.Equal(3, Traces(trajectories).Length);
        Assert.Equal("h_t", AxisTitle(trajectories, "yaxis"));

        var values = Json(Plot.Values([("y", new[] { 1.0, 2.0 })], "Output", "y_t"));
        Assert.Equal("time step t", AxisTitle(values, "xaxis"));

        var forecast = Json(Plot.Forecast([1.0, 2, 3, 4, 5], [4.1, 5.2], forecastStart: 3, baseline: [3.0, 4.0]));
        Assert.Equal(new[] { "truth", "forecast", "baseline" }, Traces(forecast).Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(new[] { 3.0, 4.0 }, Traces(forecast)[1].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        var error = Assert.Throws<ArgumentException>(() => Plot.Forecast([1.0, 2], [1.0, 2], forecastStart: 1));
        Assert.Contains("covers steps 1..2 but the truth has steps 0..1", error.Message);
    }

    [Fact]
    public void Every_chart_shares_the_course_style()
    {
        var charts = new[]
        {
            Plot.Values([("y", new[] { 1.0 })], "a", "y"),
            Plot.ParameterCounts([("RNN", 1L)]),
            Plot.Eigenvalues([Complex.One]),
        };
        foreach (var json in charts.Select(Json))
        {
            var layout = json.GetProperty("layout");
            Assert.Equal(720, layout.GetProperty("width").GetInt32());
            Assert.Equal(420, layout.GetProperty("height").GetInt32());
            Assert.True(layout.TryGetProperty("template", out _));
        }
    }
}

using System.Text.Json;
using Lectures.Charts;
using Plotly.NET;
using TorchSharp;

namespace Lectures.Tests.Charts;

/// <summary>Charts with labels on the x axis need a category axis: on a linear one Plotly draws no bars and no cells.</summary>
[Trait("Category", "Toolkit")]
public class CategoryAxisTests
{
    private static string XAxisType(GenericChart chart) =>
        JsonDocument.Parse(GenericChart.toJson(chart)).RootElement.GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString()!;

    [Fact]
    public void Bars_and_heatmap_columns_sit_on_a_category_axis()
    {
        Assert.Equal("category", XAxisType(Plot.ParameterCounts([("RNN", 1120L), ("GRU", 3360L)])));
        Assert.Equal("category", XAxisType(Plot.Heatmap(torch.zeros(3, 2), "gates", timeLabels: ["a", "b", "c"])));
    }

    [Fact]
    public void Numeric_charts_keep_their_linear_or_log_axis()
    {
        Assert.Equal("linear", XAxisType(Plot.Values([("y", new[] { 1.0, 2.0 })], "values", "y")));
        Assert.Equal("log", XAxisType(Plot.Lines([("y", new[] { 1.0, 10.0 }, new[] { 1.0, 2.0 })], "lines", "x", "y", logX: true)));
    }
}

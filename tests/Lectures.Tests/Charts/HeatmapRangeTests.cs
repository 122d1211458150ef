using System.Text.Json;
using Lectures.Charts;
using Plotly.NET;
using TorchSharp;

namespace Lectures.Tests.Charts;

/// <summary>A heatmap with a fixed range draws a sequential scale pinned to it, so maps compare colour for colour.</summary>
[Trait("Category", "Toolkit")]
public class HeatmapRangeTests
{
    private static JsonElement Trace(GenericChart chart) =>
        JsonDocument.Parse(GenericChart.toJson(chart)).RootElement.GetProperty("data")[0];

    [Fact]
    public void A_fixed_range_pins_zmin_and_zmax_on_a_sequential_scale()
    {
        var gates = torch.rand(5, 3) * 0.5;                                   // data only up to 0.5
        var trace = Trace(Plot.Heatmap(gates, "Forget gate", range: (0, 1)));
        Assert.Equal(0, trace.GetProperty("zmin").GetDouble());
        Assert.Equal(1, trace.GetProperty("zmax").GetDouble());
        Assert.Equal("Viridis", trace.GetProperty("colorscale").GetString());
        Assert.False(trace.TryGetProperty("reversescale", out var reversed) && reversed.GetBoolean());
    }

    [Fact]
    public void Without_a_range_the_scale_fits_the_data_and_a_bad_range_is_refused()
    {
        var trace = Trace(Plot.Heatmap(torch.zeros(2, 2), "states"));
        Assert.False(trace.TryGetProperty("zmin", out _));
        Assert.Equal("RdBu", trace.GetProperty("colorscale").GetString());
        Assert.Throws<ArgumentException>(() => Plot.Heatmap(torch.zeros(2, 2), "bad", range: (1, 0)));
    }
}

using Plotly.NET;
using Plotly.NET.CSharp;

namespace Lectures.Charts;

/// <summary>
/// The one look every chart in the course shares: a colour-blind-safe palette (Okabe–Ito), a white template,
/// a title, labelled axes and a fixed size.
/// </summary>
internal static class ChartStyle
{
    internal const int Width = 720;
    internal const int Height = 420;

    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];

    /// <summary>The i-th colour of the palette, cycling.</summary>
    internal static Color Colour(int i) => Color.fromHex(Palette[i % Palette.Length]);

    /// <summary>A plot title object holding just its text.</summary>
    internal static Title Text(string text)
    {
        var title = new Title();
        title.SetProperty("text", text);
        return title;
    }

    /// <summary>
    /// Title, axis titles and types, template and size. Charts whose x values are labels (bars, heatmap columns)
    /// need <paramref name="categoryX"/>: on a linear axis Plotly draws nothing for them.
    /// </summary>
    internal static GenericChart Finish(GenericChart chart, string title, string xTitle, string yTitle,
        bool logX = false, bool logY = false, bool categoryX = false) =>
        Plotly.NET.Chart.withTemplate(ChartTemplates.plotly).Invoke(Plotly.NET.Chart.withTitle(Text(title)).Invoke(chart))
            .WithXAxisStyle<double, double, string>(TitleText: xTitle,
                AxisType: categoryX ? StyleParam.AxisType.Category : logX ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: logY ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithSize(Width, Height);
}

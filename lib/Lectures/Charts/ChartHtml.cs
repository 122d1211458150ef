using Plotly.NET;

namespace Lectures.Charts;

/// <summary>
/// Renders a Plotly.NET chart as HTML that draws offline: a div and a call to <c>Plotly.newPlot</c> with the chart's
/// figure JSON. The first chart a process renders also carries plotly.js itself, taken from the copy embedded in
/// Plotly.NET, so a notebook (one kernel session or engine worker) holds one copy however many charts it has and
/// nothing is fetched from a CDN. Chart ids count up, so a rerun gives identical output.
/// </summary>
/// <remarks>
/// One source, compiled into the library (which registers it as the chart formatter in every host) and into the
/// notebook engine (which stands in for Plotly.NET.Interactive in notebooks that use Plotly.NET without the library).
/// </remarks>
internal static class ChartHtml
{
    private static readonly object Gate = new();
    private static bool scriptIncluded;
    private static int charts;

    /// <summary>The HTML for one chart.</summary>
    public static string Render(GenericChart chart)
    {
        var figure = GenericChart.toFigureJson(chart);
        var html = new System.Text.StringBuilder();
        int id;
        lock (Gate)
        {
            id = ++charts;
            if (!scriptIncluded)
            {
                // Hide an AMD loader (classic Jupyter's require.js) so plotly.js defines window.Plotly.
                html.Append("<script type=\"text/javascript\">window.__lecturesDefine = window.define; window.define = undefined;</script>\n");
                html.Append("<script type=\"text/javascript\">").Append(Script()).Append("</script>\n");
                html.Append("<script type=\"text/javascript\">window.define = window.__lecturesDefine;</script>\n");
                scriptIncluded = true;
            }
        }
        html.Append($"<div id=\"plotly-chart-{id}\"></div>\n");
        html.Append($"<script type=\"text/javascript\">(function () {{ var figure = {figure}; ");
        html.Append($"Plotly.newPlot('plotly-chart-{id}', figure.data, figure.layout || {{}}, {{ responsive: true }}); }})();</script>\n");
        return html.ToString();
    }

    /// <summary>plotly.min.js as embedded in Plotly.NET, safe to put inside a script element.</summary>
    public static string Script()
    {
        var plotly = typeof(GenericChart).Assembly;
        var name = plotly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using var reader = new StreamReader(plotly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}

using System.Reflection;
using System.Text;

namespace Lectures.Notebooks.Formatting;

/// <summary>
/// Renders Plotly.NET charts as HTML that works offline: a div and a call to <c>Plotly.newPlot</c> with the chart's
/// figure JSON. The first chart of a notebook also carries plotly.js, taken from the copy embedded in Plotly.NET,
/// so a notebook holds one copy however many charts it has. Chart ids count up, so reruns give identical output.
/// </summary>
public sealed class PlotlyHtml
{
    private bool scriptIncluded;
    private int charts;

    /// <summary>The HTML for one chart (a Plotly.NET <c>GenericChart</c>).</summary>
    public string Render(object chart)
    {
        var plotly = chart.GetType().Assembly;
        var figure = (string)plotly.GetType("Plotly.NET.GenericChart", throwOnError: true)!
            .GetMethod("toFigureJson", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [chart])!;
        var id = $"plotly-chart-{++charts}";
        var html = new StringBuilder();
        if (!scriptIncluded)
        {
            // Hide an AMD loader (classic Jupyter's require.js) so plotly.js defines window.Plotly.
            html.Append("<script type=\"text/javascript\">window.__lecturesDefine = window.define; window.define = undefined;</script>\n");
            html.Append("<script type=\"text/javascript\">").Append(Script(plotly)).Append("</script>\n");
            html.Append("<script type=\"text/javascript\">window.define = window.__lecturesDefine;</script>\n");
            scriptIncluded = true;
        }
        html.Append($"<div id=\"{id}\"></div>\n");
        html.Append($"<script type=\"text/javascript\">(function () {{ var figure = {figure}; ");
        html.Append($"Plotly.newPlot('{id}', figure.data, figure.layout || {{}}, {{ responsive: true }}); }})();</script>\n");
        return html.ToString();
    }

    /// <summary>plotly.min.js as embedded in the Plotly.NET assembly the chart came from.</summary>
    public static string Script(Assembly plotly)
    {
        var name = plotly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using var reader = new StreamReader(plotly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}

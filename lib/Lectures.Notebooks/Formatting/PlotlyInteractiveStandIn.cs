using Lectures.Charts;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace Lectures.Notebooks.Formatting;

/// <summary>
/// What <c>#r "nuget: Plotly.NET.Interactive"</c> does in .NET Interactive, for notebooks that use Plotly.NET without
/// the kit's library: it registers an HTML formatter for charts. This one draws offline (<see cref="ChartHtml"/>,
/// the library's own renderer), where Plotly.NET.Interactive's loads plotly.js from a CDN.
/// </summary>
internal static class PlotlyInteractiveStandIn
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1) return;
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.Render(chart)), HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>((_, writer) => writer.Write("Plotly.NET chart"), PlainTextFormatter.MimeType);
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lectures.Notebooks.Nbformat;
using Lectures.Notebooks.Running;

namespace Lectures.Notebooks.Site;

/// <summary>
/// One executed notebook as a page of the site: a line back to the index with the run's status (a failed run says
/// where and why at the top) and the downloads, then the cells in order: Markdown as HTML, code for Prism to
/// highlight, outputs as the notebook holds them with plotly.js taken from the site's copy. The page sits in the
/// site's root and its notebook in notebooks/, so the prose's relative links (figures/x.svg) are pointed there, and a
/// link to a sibling notebook goes to that notebook's page.
/// </summary>
internal static class NotebookPage
{
    public static string Render(Notebook notebook, NotebookRun run, string title, SharedPlotly plotly)
    {
        var html = new StringBuilder(SiteBuilder.Head(title));
        html.Append($"<nav><a href=\"index.html\">Course index</a> · {E(run.Name)} · {Status(run)} · ")
            .Append($"download <a href=\"source/{E(run.Name)}\" download>the notebook</a> or ")
            .Append($"<a href=\"notebooks/{E(run.Name)}\" download>with its outputs</a></nav>\n");
        if (!run.Passed) html.Append($"<p class=\"problem failed\">This notebook {E(run.Status)}: {E(run.Problem ?? "")}</p>\n");
        foreach (var cell in notebook.Cells)
        {
            if (cell.CellType == "markdown") { html.Append(MarkdownHtml.Convert(cell.Source, Relink)); continue; }
            if (cell.CellType != "code") continue;
            html.Append("<pre class=\"code\"><code class=\"language-csharp\">").Append(E(cell.Source)).Append("</code></pre>\n");
            foreach (var output in cell.Outputs.OfType<JsonObject>())
                html.Append("<div class=\"output\">").Append(plotly.Share(SiteBuilder.Output(output))).Append("</div>\n");
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>The run's status as a mark: green when it passed, red otherwise, with the run time.</summary>
    public static string Status(NotebookRun run) => run.Passed
        ? $"<span class=\"passed\">ran in {run.Elapsed.TotalSeconds:0.0} s</span>"
        : $"<span class=\"status {run.Status.Split(' ')[0]}\" title=\"{E(run.Problem ?? "")}\">{E(run.Status.ToUpperInvariant())}</span>";

    private static string Relink(string url) =>
        !url.Contains('/') && url.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) ? SiteBuilder.PageName(url) : "notebooks/" + url;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lectures.Notebooks.Nbformat;
using Lectures.Notebooks.Running;

namespace Lectures.Notebooks.Site;

/// <summary>
/// Writes the readable course: index.html listing every notebook with its status and run time, and one page per
/// executed notebook with its prose, code and outputs. Charts carry plotly.js in their output and formulas are drawn
/// by a copy of KaTeX in the site's katex/ folder, so the pages work offline in any browser.
/// </summary>
public static class SiteBuilder
{
    /// <summary>The pages' style sheet, shared with the grader's feedback pages.</summary>
    internal const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
        pre { background: #f6f8fa; padding: .6rem .8rem; overflow-x: auto; border-radius: 4px; }
        pre.code { border-left: 3px solid #0072B2; }
        pre.stderr { background: #fff6e5; }
        pre.error { background: #fdecea; color: #8a1c1c; }
        .output { margin: .2rem 0 1.2rem 0; overflow-x: auto; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .2rem .6rem; }
        .passed { color: #1a7f37; } .failed, .crashed, .timed { color: #b42318; }
        """;

    /// <summary>Writes index.html and a page per notebook into <paramref name="site"/>.</summary>
    public static void Build(string site, IReadOnlyList<NotebookRun> runs)
    {
        Directory.CreateDirectory(site);
        CopyKatex(site);
        var index = new StringBuilder(Page("Recurrent neural networks in C#"));
        index.Append("<h1>Recurrent neural networks in C#</h1>\n<table>\n<tr><th>notebook</th><th>status</th><th>run time</th></tr>\n");
        foreach (var run in runs)
        {
            var notebook = Notebook.Load(run.Output);
            var page = Path.GetFileNameWithoutExtension(run.Name) + ".html";
            AtomicFile.WriteAllText(Path.Combine(site, page), Render(notebook, run));
            index.Append($"<tr><td><a href=\"{WebUtility.HtmlEncode(page)}\">{WebUtility.HtmlEncode(Title(notebook) ?? run.Name)}</a></td>")
                 .Append($"<td class=\"{run.Status.Split(' ')[0]}\">{run.Status}</td><td>{run.Elapsed.TotalSeconds:0.0} s</td></tr>\n");
        }
        index.Append("</table>\n</body>\n</html>\n");
        AtomicFile.WriteAllText(Path.Combine(site, "index.html"), index.ToString());
    }

    private static string Page(string title) =>
        $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{WebUtility.HtmlEncode(title)}</title>\n<style>\n{Style}</style>\n{Katex}</head>\n<body>\n";

    /// <summary>KaTeX's auto-render on the prose only: code and outputs keep their dollar signs.</summary>
    private const string Katex = """
        <link rel="stylesheet" href="katex/katex.min.css">
        <script defer src="katex/katex.min.js"></script>
        <script defer src="katex/auto-render.min.js" onload="renderMathInElement(document.body, { delimiters: [
          { left: '$$', right: '$$', display: true }, { left: '$', right: '$', display: false }],
          ignoredClasses: ['output'], throwOnError: false })"></script>

        """;

    /// <summary>Copies the engine's KaTeX (beside the engine's assembly) into the site.</summary>
    private static void CopyKatex(string site)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "katex");
        if (!Directory.Exists(source)) throw new DirectoryNotFoundException($"KaTeX is missing beside the engine: expected {source}; rebuild lib/Lectures.Notebooks.");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(site, "katex", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>The notebook's first heading.</summary>
    private static string? Title(Notebook notebook) =>
        notebook.Cells.Where(c => c.CellType == "markdown")
            .SelectMany(c => c.Source.Split('\n')).FirstOrDefault(l => l.StartsWith('#'))?.TrimStart('#').Trim();

    private static string Render(Notebook notebook, NotebookRun run)
    {
        var html = new StringBuilder(Page(Title(notebook) ?? run.Name));
        html.Append($"<p><a href=\"index.html\">All notebooks</a> · {WebUtility.HtmlEncode(run.Name)} · " +
                    $"<span class=\"{run.Status.Split(' ')[0]}\">{run.Status}</span> in {run.Elapsed.TotalSeconds:0.0} s</p>\n");
        foreach (var cell in notebook.Cells)
        {
            if (cell.CellType == "markdown") { html.Append(MarkdownHtml.Convert(cell.Source)); continue; }
            if (cell.CellType != "code") continue;
            html.Append("<pre class=\"code\"><code>").Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre>\n");
            foreach (var output in cell.Outputs.OfType<JsonObject>())
                html.Append("<div class=\"output\">").Append(Output(output)).Append("</div>\n");
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    internal static string Output(JsonObject output)
    {
        static string Text(JsonNode? node) => node switch
        {
            JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
            JsonValue v => v.GetValue<string>(),
            _ => "",
        };
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                var name = output["name"]?.GetValue<string>();
                return $"<pre class=\"{name}\">{WebUtility.HtmlEncode(Text(output["text"]))}</pre>";
            case "error":
                return $"<pre class=\"error\">{WebUtility.HtmlEncode($"{output["ename"]}: {output["evalue"]}")}</pre>";
            default:
                var data = output["data"] as JsonObject;
                if (data?["text/html"] is { } html) return Text(html);
                return $"<pre>{WebUtility.HtmlEncode(Text(data?["text/plain"]))}</pre>";
        }
    }
}

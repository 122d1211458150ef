using System.Net;
using System.Text.Json.Nodes;
using Lectures.Notebooks.Nbformat;
using Lectures.Notebooks.Running;

namespace Lectures.Notebooks.Site;

/// <summary>
/// Writes the readable course, a folder that works offline in any browser:
/// <list type="bullet">
/// <item><c>index.html</c>: the course's title and introduction, the notebooks by lecture theme with what each teaches,
/// downloads and a mark on any that failed, and the assignments with their points (see <see cref="IndexPage"/>);</item>
/// <item>a page per executed notebook (see <see cref="NotebookPage"/>), its formulas drawn by KaTeX and its code
/// highlighted by Prism, both vendored in <c>assets/</c>, its charts drawn by the site's one plotly.js (see <see cref="SharedPlotly"/>);</item>
/// <item><c>notebooks/</c>: the executed notebooks (each with its own embedded plotly.js, so it works on its own) and
/// the course's <c>figures/</c>; <c>source/</c>: the notebooks as stored, without outputs; <c>assignments/</c>: the
/// student versions of the graded assignments.</item>
/// </list>
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
        .passed { color: #1a7f37; } .failed, .crashed, .timed, .not { color: #b42318; }
        .status { font-weight: bold; border: 1px solid currentColor; border-radius: 3px; padding: 0 .3rem; font-size: .85em; }
        nav, .downloads, .problem { font-size: .9em; color: #555; }
        ol.notebooks > li { margin-bottom: .7rem; } ol.notebooks p { margin: .1rem 0; }
        """;

    /// <summary>Where the vendored scripts and the shared plotly.js go, relative to the site.</summary>
    internal const string Assets = "assets";

    /// <summary>Writes the site into <paramref name="site"/> for the notebooks that ran.</summary>
    /// <param name="site">The site's folder.</param>
    /// <param name="runs">Every notebook the run was given, in the order the index lists those no theme names.</param>
    /// <param name="course">The course's title, introduction and themes, and the folder with its assignments and figures.</param>
    public static void Build(string site, IReadOnlyList<NotebookRun> runs, CourseInfo course)
    {
        Directory.CreateDirectory(site);
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "site-assets"), Path.Combine(site, Assets),
            "the site's scripts are missing beside the engine; rebuild lib/Lectures.Notebooks");
        if (Directory.Exists(Path.Combine(course.Folder, "figures")))
            CopyFolder(Path.Combine(course.Folder, "figures"), Path.Combine(site, "notebooks", "figures"), "");
        var plotly = new SharedPlotly(site);
        var titles = new Dictionary<string, string>();
        foreach (var run in runs.Where(r => r.Executed))
        {
            var executed = Path.Combine(site, "notebooks", run.Name);
            if (Path.GetFullPath(run.Output) != Path.GetFullPath(executed)) File.Copy(run.Output, executed, overwrite: true);
            File.Copy(run.Source, Path.Combine(Directory.CreateDirectory(Path.Combine(site, "source")).FullName, run.Name), overwrite: true);
            var notebook = Notebook.Load(executed);
            titles[run.Name] = Title(notebook) ?? run.Name;
            AtomicFile.WriteAllText(Path.Combine(site, PageName(run.Name)), NotebookPage.Render(notebook, run, titles[run.Name], plotly));
        }
        var assignments = AssignmentEntry.Write(Path.Combine(course.Folder, "assignments"), Path.Combine(site, "assignments"));
        AtomicFile.WriteAllText(Path.Combine(site, "index.html"), IndexPage.Render(course, runs, titles, assignments));
    }

    /// <summary>The page a notebook gets: its name with .html.</summary>
    internal static string PageName(string notebook) => Path.GetFileNameWithoutExtension(notebook) + ".html";

    /// <summary>The start of every page: the style sheet, Prism (it highlights when the page has loaded) and KaTeX on the formulas Markdig marked.</summary>
    internal static string Head(string title) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <link rel="stylesheet" href="{{Assets}}/prism/prism.min.css">
        <link rel="stylesheet" href="{{Assets}}/katex/katex.min.css">
        <style>
        {{Style}}</style>
        <script src="{{Assets}}/prism/prism-core.min.js"></script>
        <script src="{{Assets}}/prism/prism-clike.min.js"></script>
        <script src="{{Assets}}/prism/prism-csharp.min.js"></script>
        <script defer src="{{Assets}}/katex/katex.min.js"></script>
        <script defer src="{{Assets}}/katex/auto-render.min.js"></script>
        <script>
        document.addEventListener('DOMContentLoaded', () => document.querySelectorAll('.math').forEach(e => renderMathInElement(e, {
          delimiters: [{ left: '\\[', right: '\\]', display: true }, { left: '\\(', right: '\\)', display: false }], throwOnError: false })));
        </script>
        </head>
        <body>

        """;

    /// <summary>The notebook's first heading.</summary>
    internal static string? Title(Notebook notebook) =>
        notebook.Cells.Where(c => c.CellType == "markdown")
            .SelectMany(c => c.Source.Split('\n')).FirstOrDefault(l => l.StartsWith('#'))?.TrimStart('#').Trim();

    /// <summary>One output as HTML: streams and errors as text, a rich result as its HTML, else its plain text.</summary>
    internal static string Output(JsonObject output)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                var name = output["name"]?.GetValue<string>();
                return $"<pre class=\"{name}\">{WebUtility.HtmlEncode(MultilineText.Join(output["text"]))}</pre>";
            case "error":
                return $"<pre class=\"error\">{WebUtility.HtmlEncode($"{output["ename"]}: {output["evalue"]}")}</pre>";
            default:
                var data = output["data"] as JsonObject;
                if (data?["text/html"] is { } html) return MultilineText.Join(html);
                return $"<pre>{WebUtility.HtmlEncode(MultilineText.Join(data?["text/plain"]))}</pre>";
        }
    }

    private static void CopyFolder(string source, string target, string missing)
    {
        if (!Directory.Exists(source)) throw new DirectoryNotFoundException($"expected {source}: {missing}");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
    }
}

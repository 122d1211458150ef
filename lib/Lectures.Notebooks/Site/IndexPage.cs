using System.Globalization;
using System.Net;
using System.Text;
using Lectures.Notebooks.Running;

namespace Lectures.Notebooks.Site;

/// <summary>
/// The site's front page, for a student: the course's title and introduction, a line saying whether every notebook
/// ran, then each lecture theme with its notebooks (title, what it teaches, downloads, and a red mark on any that did
/// not pass), the notebooks no theme names, and the assignments with their points.
/// </summary>
internal static class IndexPage
{
    public static string Render(CourseInfo course, IReadOnlyList<NotebookRun> runs, IReadOnlyDictionary<string, string> titles,
        IReadOnlyList<AssignmentEntry> assignments)
    {
        var html = new StringBuilder(SiteBuilder.Head(course.Title));
        html.Append($"<h1>{E(course.Title)}</h1>\n").Append(MarkdownHtml.Convert(course.Introduction));
        var failed = runs.Where(r => !r.Passed).ToList();
        html.Append(failed.Count == 0
            ? $"<p class=\"passed\">All {runs.Count} notebooks ran without an error when this site was built; every number on these pages is one they printed.</p>\n"
            : $"<p class=\"failed\">{failed.Count} of {runs.Count} notebooks did not run to the end when this site was built: {E(string.Join(", ", failed.Select(r => r.Name)))}.</p>\n");

        var byName = runs.ToDictionary(r => Path.GetFileNameWithoutExtension(r.Name));
        var listed = new HashSet<string>();
        foreach (var theme in course.Themes)
        {
            var entries = theme.Notebooks.Where(n => byName.ContainsKey(n.Name)).ToList();
            if (entries.Count == 0) continue;
            html.Append($"<h2>{E(theme.Title)}</h2>\n<ol class=\"notebooks\">\n");
            foreach (var entry in entries) Entry(html, byName[entry.Name], titles, entry.Learn, listed);
            html.Append("</ol>\n");
        }
        var others = runs.Where(r => !listed.Contains(r.Name)).ToList();
        if (others.Count > 0)
        {
            html.Append($"<h2>{(course.Themes.Count == 0 ? "Notebooks" : "Other notebooks")}</h2>\n<ol class=\"notebooks\">\n");
            foreach (var run in others) Entry(html, run, titles, null, listed);
            html.Append("</ol>\n");
        }
        Assignments(html, assignments);
        return html.Append("</body>\n</html>\n").ToString();
    }

    private static void Entry(StringBuilder html, NotebookRun run, IReadOnlyDictionary<string, string> titles, string? learn, HashSet<string> listed)
    {
        listed.Add(run.Name);
        html.Append("<li>");
        html.Append(run.Executed && titles.TryGetValue(run.Name, out var title)
            ? $"<a href=\"{E(SiteBuilder.PageName(run.Name))}\">{E(title)}</a>"
            : E(run.Name));
        html.Append(' ').Append(NotebookPage.Status(run)).Append('\n');
        if (learn is not null) html.Append(MarkdownHtml.Convert(learn));
        html.Append(run.Executed
            ? $"<div class=\"downloads\">{E(run.Name)}: <a href=\"source/{E(run.Name)}\" download>notebook</a> · <a href=\"notebooks/{E(run.Name)}\" download>with outputs</a></div>"
            : $"<div class=\"problem failed\">{E(run.Problem ?? "")}</div>");
        html.Append("</li>\n");
    }

    private static void Assignments(StringBuilder html, IReadOnlyList<AssignmentEntry> assignments)
    {
        if (assignments.Count == 0) return;
        html.Append("<h2>Assignments</h2>\n<p>Graded assignments: write your code where a cell says <code>// YOUR CODE HERE</code>, run the " +
                    "test cells to check it, and hand the notebook in; your instructor grades it with the same tests and some hidden ones. " +
                    "Put it in <code>notebooks/assignments/</code> of your copy of the kit so its first cell finds the library.</p>\n")
            .Append("<table>\n<tr><th>assignment</th><th>points</th><th>download</th></tr>\n");
        foreach (var a in assignments)
            html.Append($"<tr><td>{E(a.Title)}</td><td>{a.Points.ToString("0.##", CultureInfo.InvariantCulture)}</td><td>")
                .Append(a.Problem is null ? $"<a href=\"assignments/{E(a.Name)}\" download>{E(a.Name)}</a>" : $"<span class=\"failed\">{E(a.Problem)}</span>")
                .Append("</td></tr>\n");
        html.Append("</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

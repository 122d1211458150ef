using System.Globalization;
using System.Net;
using System.Text;
using Lectures.Notebooks.Nbformat;
using Lectures.Notebooks.Site;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// A student's feedback as one offline HTML page: per notebook the score of each part with the reason it failed,
/// what the grader restored, then the executed notebook with each test cell's result beside it. Hidden tests'
/// code is shown as a placeholder (their results are shown), so they can be used again next year.
/// </summary>
public static class FeedbackPage
{
    /// <summary>The site's style plus what feedback adds: test cells, failed parts, part badges.</summary>
    private const string Style = SiteBuilder.Style + """
        pre.test { border-left: 3px solid #6a3d9a; }
        td, th { vertical-align: top; }
        .not { color: #b42318; }
        .badge { font-weight: bold; margin: .8rem 0 .2rem 0; }
        """;

    /// <summary>The page for <paramref name="student"/>'s graded notebooks.</summary>
    public static string Render(string student, IReadOnlyList<Submission> submissions)
    {
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Feedback: {E(student)}</title>\n")
            .Append($"<style>\n{Style}</style>\n</head>\n<body>\n<h1>Feedback for {E(student)}</h1>\n")
            .Append($"<p>Total: <b>{N(submissions.Sum(s => s.Total))} / {N(submissions.Sum(s => s.MaxTotal))}</b> points.</p>\n");
        foreach (var submission in submissions) Section(html, submission);
        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>Writes the page through a temporary file.</summary>
    public static void Write(string path, string student, IReadOnlyList<Submission> submissions) =>
        AtomicFile.WriteAllText(path, Render(student, submissions));

    private static void Section(StringBuilder html, Submission submission)
    {
        html.Append($"<h2>{E(submission.Notebook)}: {N(submission.Total)} / {N(submission.MaxTotal)}</h2>\n");
        if (submission.Problem is not null) html.Append($"<p class=\"failed\">{E(submission.Problem)}</p>\n");
        html.Append("<table>\n<tr><th>part</th><th>points</th><th>result</th></tr>\n");
        foreach (var part in submission.Parts)
            html.Append($"<tr><td>{E(part.GradeId)}</td><td>{N(part.Points)} / {N(part.MaxPoints)}</td>")
                .Append($"<td class=\"{part.Status.Split(' ')[0]}\">{E(part.Status)}{(part.Message is null ? "" : ": " + E(part.Message))}</td></tr>\n");
        html.Append("</table>\n");
        if (submission.Notes.Count > 0)
            html.Append("<ul>\n").AppendJoin("", submission.Notes.Select(n => $"<li>{E(n)}</li>\n")).Append("</ul>\n");
        if (submission.Executed is not { } path || !File.Exists(path)) return;
        html.Append("<details>\n<summary>The notebook as it was graded</summary>\n");
        var parts = submission.Parts.ToDictionary(p => p.GradeId);
        foreach (var cell in Notebook.Load(path).Cells)
        {
            if (cell.CellType == "markdown") { html.Append(MarkdownHtml.Convert(cell.Source)); continue; }
            if (cell.CellType != "code") continue;
            var markup = GradingMarkup.Of(cell);
            var test = markup?.Role == CellRole.Test && markup.GradeId is { } id && parts.ContainsKey(id) ? parts[id] : null;
            if (test is not null)
                html.Append($"<div class=\"badge {test.Status.Split(' ')[0]}\">{E(test.GradeId)}: {N(test.Points)} / {N(test.MaxPoints)} ({E(test.Status)})</div>\n");
            var source = test is null ? cell.Source : MarkupRegions.MaskHiddenTests(cell.Source);
            html.Append($"<pre class=\"{(test is null ? "code" : "test")}\"><code>{E(source)}</code></pre>\n");
            foreach (var output in cell.Outputs.OfType<System.Text.Json.Nodes.JsonObject>())
                html.Append("<div class=\"output\">").Append(SiteBuilder.Output(output)).Append("</div>\n");
        }
        html.Append("</details>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

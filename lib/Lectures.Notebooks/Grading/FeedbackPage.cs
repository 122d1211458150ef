using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lectures.Notebooks.Site;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// A student's feedback as one offline HTML page: per notebook the score of each part with the reason it failed,
/// what the grader restored, then the notebook as it was graded with each test cell's result beside it. Hidden
/// tests' code is shown as a placeholder (their results are shown), so they can be used again next year.
/// <para>
/// The page runs no script at all: its Content-Security-Policy forbids scripts and every fetch, and each HTML output
/// of the student's code is shown in a sandboxed frame of its own (<c>sandbox</c>, <c>srcdoc</c>), so a
/// <c>display(HTML("&lt;script&gt;…"))</c> in a submission neither runs nor touches the page. Charts are not drawn
/// here for that reason; everything else (text, tables, errors) is.
/// </para>
/// </summary>
public static class FeedbackPage
{
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-src 'self' about:; form-action 'none'; base-uri 'none'";

    /// <summary>The site's style plus what feedback adds: test cells, failed parts, part badges, output frames.</summary>
    private const string Style = SiteBuilder.Style + """
        pre.test { border-left: 3px solid #6a3d9a; }
        td, th { vertical-align: top; }
        .not { color: #b42318; }
        .badge { font-weight: bold; margin: .8rem 0 .2rem 0; }
        iframe.html { width: 100%; height: 12rem; border: 1px solid #ddd; resize: vertical; }
        """;

    /// <summary>The page for <paramref name="student"/>'s graded notebooks.</summary>
    public static string Render(StudentResult student)
    {
        var submissions = student.Notebooks;
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{Policy}\">\n")
            .Append($"<title>Feedback: {E(student.Name)}</title>\n<style>\n{Style}</style>\n</head>\n<body>\n<h1>Feedback for {E(student.Name)}</h1>\n")
            .Append($"<p>Total: <b>{N(submissions.Sum(s => s.Total))} / {N(submissions.Sum(s => s.MaxTotal))}</b> points.</p>\n");
        foreach (var note in student.Notes) html.Append($"<p class=\"failed\">{E(note)}</p>\n");
        foreach (var submission in submissions) Section(html, submission);
        return html.Append("</body>\n</html>\n").ToString();
    }

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
        if (submission.Executed is not { } executed) return;
        html.Append("<details>\n<summary>The notebook as it was graded</summary>\n");
        var parts = submission.Parts.ToDictionary(p => p.GradeId);
        foreach (var cell in executed.Cells)
        {
            if (cell.CellType == "markdown") { html.Append(MarkdownHtml.Convert(cell.Source)); continue; }
            if (cell.CellType != "code") continue;
            var markup = GradingMarkup.Of(cell);
            var test = markup?.Role == CellRole.Test && markup.GradeId is { } id ? parts.GetValueOrDefault(id) : null;
            if (test is not null)
                html.Append($"<div class=\"badge {test.Status.Split(' ')[0]}\">{E(test.GradeId)}: {N(test.Points)} / {N(test.MaxPoints)} ({E(test.Status)})</div>\n");
            html.Append($"<pre class=\"{(test is null ? "code" : "test")}\"><code>{E(cell.Source)}</code></pre>\n");
            foreach (var output in cell.Outputs.OfType<JsonObject>())
                html.Append("<div class=\"output\">").Append(Output(output)).Append("</div>\n");
        }
        html.Append("</details>\n");
    }

    /// <summary>An output as the site shows it, except HTML, which goes into a sandboxed frame without scripts.</summary>
    private static string Output(JsonObject output) =>
        output["data"]?["text/html"] is { } node
            ? $"<iframe class=\"html\" sandbox=\"\" title=\"HTML output\" srcdoc=\"{E(node is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)node)}\"></iframe>"
            : SiteBuilder.Output(output);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

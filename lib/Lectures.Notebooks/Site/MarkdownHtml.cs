using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Lectures.Notebooks.Site;

/// <summary>
/// The Markdown the course's prose uses, as HTML: headings, paragraphs, lists, block quotes, fenced code, tables,
/// inline code, bold, italics and links. Formulas stay as written ($…$); the page's KaTeX draws them in the browser.
/// </summary>
public static partial class MarkdownHtml
{
    /// <summary>Converts one Markdown cell.</summary>
    public static string Convert(string markdown)
    {
        var html = new StringBuilder();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length;)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```"))
            {
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```"); i++) code.Add(lines[i]);
                i++;
                html.Append("<pre><code>").Append(WebUtility.HtmlEncode(string.Join("\n", code))).Append("</code></pre>\n");
            }
            else if (Heading().Match(line) is { Success: true } h)
            {
                var level = h.Groups[1].Value.Length;
                html.Append($"<h{level}>{Inline(h.Groups[2].Value)}</h{level}>\n");
                i++;
            }
            else if (line.TrimStart().StartsWith('|') && i + 1 < lines.Length && TableRule().IsMatch(lines[i + 1]))
            {
                html.Append("<table>\n<tr>").Append(string.Concat(Cells(line).Select(c => $"<th>{Inline(c)}</th>"))).Append("</tr>\n");
                for (i += 2; i < lines.Length && lines[i].TrimStart().StartsWith('|'); i++)
                    html.Append("<tr>").Append(string.Concat(Cells(lines[i]).Select(c => $"<td>{Inline(c)}</td>"))).Append("</tr>\n");
                html.Append("</table>\n");
            }
            else if (ListItem().Match(line) is { Success: true } item)
            {
                var ordered = char.IsDigit(item.Groups[1].Value[0]);
                html.Append(ordered ? "<ol>\n" : "<ul>\n");
                while (i < lines.Length && ListItem().Match(lines[i]) is { Success: true } m)
                {
                    var text = new List<string> { m.Groups[2].Value };
                    // continuation lines (indented or lazy) belong to the item, as in CommonMark
                    for (i++; i < lines.Length && !string.IsNullOrWhiteSpace(lines[i]) && !StartsBlock(lines[i]); i++) text.Add(lines[i].Trim());
                    html.Append("<li>").Append(Inline(string.Join(" ", text))).Append("</li>\n");
                }
                html.Append(ordered ? "</ol>\n" : "</ul>\n");
            }
            else if (line.TrimStart().StartsWith('>'))
            {
                var quote = new List<string>();
                for (; i < lines.Length && lines[i].TrimStart().StartsWith('>'); i++) quote.Add(lines[i].TrimStart()[1..].Trim());
                html.Append("<blockquote>").Append(Inline(string.Join(" ", quote))).Append("</blockquote>\n");
            }
            else if (string.IsNullOrWhiteSpace(line)) i++;
            else
            {
                var paragraph = new List<string>();
                for (; i < lines.Length && !string.IsNullOrWhiteSpace(lines[i]) && !StartsBlock(lines[i]); i++) paragraph.Add(lines[i].Trim());
                html.Append("<p>").Append(Inline(string.Join(" ", paragraph))).Append("</p>\n");
            }
        }
        return html.ToString();
    }

    private static bool StartsBlock(string line) =>
        Heading().IsMatch(line) || ListItem().IsMatch(line) || line.TrimStart().StartsWith("```") || line.TrimStart().StartsWith('>') || line.TrimStart().StartsWith('|');

    private static IEnumerable<string> Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim());

    /// <summary>Inline Markdown: code spans first (their content is literal), then links, bold and italics.</summary>
    private static string Inline(string text)
    {
        var parts = text.Split('`');
        for (var k = 0; k < parts.Length; k++)
        {
            var encoded = WebUtility.HtmlEncode(parts[k]);
            parts[k] = k % 2 == 1 && k < parts.Length - 1
                ? $"<code>{encoded}</code>"
                : Italic().Replace(Bold().Replace(Link().Replace(encoded, "<a href=\"$2\">$1</a>"), "<strong>$1</strong>"), "<em>$1</em>");
        }
        return string.Concat(parts);
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")] private static partial Regex Heading();
    [GeneratedRegex(@"^\s*([-*]|\d+\.)\s+(.*)$")] private static partial Regex ListItem();
    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}")] private static partial Regex TableRule();
    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")] private static partial Regex Link();
    [GeneratedRegex(@"\*\*(.+?)\*\*")] private static partial Regex Bold();
    [GeneratedRegex(@"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")] private static partial Regex Italic();
}

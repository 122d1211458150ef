using System.Text.Encodings.Web;
using System.Text.Json;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// The instructor's text that must not reach a student: the lines of solution regions and hidden tests, and the
/// BEGIN and END lines around them. Whatever a graded notebook printed passes through <see cref="Redact"/> before it
/// goes into feedback or the executed copy, so an answer that finds a way to read them (a file, the process's
/// memory) cannot hand them back verbatim.
/// </summary>
internal sealed class SecretText
{
    // Shorter lines ("}", "return h;") are too common to mean anything, and would blank ordinary output.
    private const int Shortest = 16;
    private const string Mark = "[hidden]";
    private readonly string[] lines;

    // Each line also as it appears inside a notebook file (JSON-escaped), the form an answer that reads one prints.
    private SecretText(IEnumerable<string> lines) =>
        this.lines = lines.Select(l => l.Trim())
            .SelectMany(l => new[] { l, Escaped(l, JavaScriptEncoder.UnsafeRelaxedJsonEscaping), Escaped(l, JavaScriptEncoder.Default) })
            .Distinct().OrderByDescending(l => l.Length).ToArray();

    private static string Escaped(string line, JavaScriptEncoder encoder) =>
        JsonSerializer.Serialize(line, new JsonSerializerOptions { Encoder = encoder })[1..^1];

    /// <summary>The secret lines of <paramref name="solution"/>: every delimiter, and the lines between them long enough to tell.</summary>
    public static SecretText Of(Notebook solution) => new(solution.Cells.SelectMany(c => new[] { true, false }.SelectMany(hidden =>
    {
        var inside = MarkupRegions.Inside(c.Source, hidden).ToList();
        var delimiters = MarkupRegions.Inside(c.Source, hidden, delimiters: true).Except(inside);
        return inside.Select(l => l.Text).Where(l => l.Trim().Length >= Shortest).Concat(delimiters.Select(l => l.Text));
    })));

    /// <summary><paramref name="text"/> with every secret line in it replaced by a mark.</summary>
    public string Redact(string text)
    {
        foreach (var line in lines)
            if (text.Contains(line, StringComparison.Ordinal)) text = text.Replace(line, Mark, StringComparison.Ordinal);
        return text;
    }
}

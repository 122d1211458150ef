using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Checking;

/// <summary>
/// Compares the text outputs of an executed notebook with a reference copy, cell by cell, as nbval does:
/// streams, text/plain results and error names and messages must match after masking what legitimately varies
/// (durations, chart ids). Returns one line per difference.
/// </summary>
public static partial class OutputComparer
{
    /// <summary>The differences between <paramref name="reference"/> and <paramref name="actual"/>; empty when they agree.</summary>
    public static IReadOnlyList<string> Compare(Notebook reference, Notebook actual)
    {
        var expected = reference.Cells.Where(c => c.CellType == "code").ToList();
        var got = actual.Cells.Where(c => c.CellType == "code").ToList();
        if (expected.Count != got.Count)
            return [$"{actual.Name}: expected {expected.Count} code cells as in the reference, found {got.Count}"];
        var differences = new List<string>();
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (Text(expected[i]), Text(got[i]));
            if (e != a) differences.Add($"{actual.Name}, cell {i + 1}: expected\n{Indent(e)}\n  but got\n{Indent(a)}");
        }
        return differences;
    }

    /// <summary>A cell's outputs as masked text.</summary>
    public static string Text(NotebookCell cell) => Mask(string.Join("\n", cell.Outputs.OfType<JsonObject>().Select(o =>
        o["output_type"]?.GetValue<string>() switch
        {
            "stream" => $"[{o["name"]}] {MultilineText.Join(o["text"])}",
            "error" => $"[error] {o["ename"]}: {o["evalue"]}",
            _ => $"[{o["output_type"]}] {MultilineText.Join(o["data"]?["text/plain"])}",
        })));

    /// <summary>Replaces volatile parts (times, chart ids) with placeholders.</summary>
    public static string Mask(string text) => ChartId().Replace(Duration().Replace(text, "<time>"), "plotly-chart-<n>");

    private static string Indent(string text) => "    " + text.Replace("\n", "\n    ");

    [GeneratedRegex(@"\d+(\.\d+)?\s?(ms|s|sec|seconds)\b")] private static partial Regex Duration();
    [GeneratedRegex(@"plotly-chart-\d+")] private static partial Regex ChartId();
}

using System.Text.Json.Nodes;
using Lectures.Notebooks.Checking;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Tests.Interactive;

/// <summary>
/// What one executed code cell showed, in the terms the differential test compares between hosts: the text on each
/// stream, whether it failed, how many charts it drew, and every other value it showed in its final state (HTML
/// where the output has HTML, else its text), with times and chart ids masked.
/// </summary>
public sealed record CellOutputs(string Stdout, string Stderr, bool Failed, int Charts, IReadOnlyList<string> Shown)
{
    /// <summary>The code cells of an executed notebook, in order.</summary>
    public static IReadOnlyList<CellOutputs> Of(string executedNotebook) =>
        Notebook.Load(executedNotebook).Cells.Where(c => c.CellType == "code").Select(Of).ToList();

    private static CellOutputs Of(NotebookCell cell)
    {
        string stdout = "", stderr = "";
        var failed = false;
        var charts = 0;
        var shown = new List<string>();
        foreach (var output in cell.Outputs.OfType<JsonObject>())
            switch (output["output_type"]!.GetValue<string>())
            {
                case "stream" when output["name"]!.GetValue<string>() == "stdout": stdout += Text(output["text"]); break;
                case "stream": stderr += Text(output["text"]); break;
                case "error": failed = true; break;
                default:
                    var html = output["data"]?["text/html"] is { } h ? Text(h) : null;
                    if (html is not null && html.Contains("dotnet-interactive-this-cell", StringComparison.Ordinal)) break; // the kernel's own front-end script
                    if (html is not null && html.Contains("Plotly.newPlot", StringComparison.Ordinal)) charts++;
                    else shown.Add(OutputComparer.Mask(html ?? Text(output["data"]?["text/plain"])));
                    break;
            }
        return new CellOutputs(OutputComparer.Mask(stdout), OutputComparer.Mask(stderr), failed, charts, shown);
    }

    private static string Text(JsonNode? node) =>
        node is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : node?.GetValue<string>() ?? "";

    /// <summary>The aspects in which two cells differ ("stdout", "stderr", "error", "charts", "shown").</summary>
    public IEnumerable<string> DifferencesFrom(CellOutputs other)
    {
        if (Stdout != other.Stdout) yield return "stdout";
        if (Stderr != other.Stderr) yield return "stderr";
        if (Failed != other.Failed) yield return "error";
        if (Charts != other.Charts) yield return "charts";
        if (!Shown.SequenceEqual(other.Shown)) yield return "shown";
    }
}

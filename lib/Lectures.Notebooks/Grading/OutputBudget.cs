using System.Text.Json.Nodes;
using Lectures.Notebooks.Execution;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// Keeps a graded notebook's output within its limits inside the worker: a cell that prints or displays more than
/// its limit is interrupted at its next output (output is an interruption point), and what goes into the reports is
/// cut to the cell's limit and, over the whole notebook, to the notebook's, so printing forever neither fills the
/// worker's memory nor the grader's. Only a cell past its own limit is stopped: a notebook whose earlier cells
/// used up its share runs on, its later output left out.
/// </summary>
internal sealed class OutputBudget(long cellLimit, long notebookLimit)
{
    private const string TextKey = "text/plain";
    private long cell, reported;
    private CancellationTokenSource? stop;

    /// <summary>Whether the running cell went past its limit.</summary>
    public bool Exceeded { get; private set; }

    /// <summary>Starts counting a cell's output; <paramref name="interrupt"/> stops the cell when it prints too much.</summary>
    public void StartCell(CancellationTokenSource interrupt) => (cell, Exceeded, stop) = (0, false, interrupt);

    /// <summary>Counts an output as the session reports it (text as it is written, displays as they are shown).</summary>
    public void Count(CellOutput output, bool isUpdate)
    {
        var size = Size(output);
        if (!isUpdate) cell += size;
        if (cell > cellLimit || size > cellLimit)
        {
            Exceeded = true;
            stop?.Cancel();
        }
    }

    /// <summary>The cell's outputs as nbformat JSON, each cut to what is left of the cell's and the notebook's share.</summary>
    public JsonArray Cut(IEnumerable<CellOutput> outputs, int executionCount)
    {
        var left = Math.Max(0, Math.Min(cellLimit, notebookLimit - reported));
        var kept = new JsonArray();
        foreach (var output in outputs)
        {
            var json = output.ToJson(executionCount);
            var size = Size(output);
            if (size > left) json = Shortened(output, json, left);
            reported += Math.Min(size, left);
            left = Math.Max(0, left - Math.Min(size, left));
            kept.Add(json);
        }
        return kept;
    }

    private JsonObject Shortened(CellOutput output, JsonObject json, long left)
    {
        var note = $"[output cut here: a cell may print {cellLimit / 1024} KB, a notebook {notebookLimit / 1024} KB]";
        switch (output)
        {
            case StreamOutput stream:
                json["text"] = stream.Text[..(int)Math.Min(stream.Text.Length, left)] + "\n" + note + "\n";
                break;
            case ErrorOutput error:   // an error is always kept, its text short
                json["evalue"] = Head(error.Message);
                json["traceback"] = new JsonArray(error.Traceback.Take(1).Select(t => (JsonNode?)JsonValue.Create(Head(t))).ToArray());
                break;
            default:
                json["data"] = new JsonObject { [TextKey] = $"[a {Size(output) / 1024} KB output left out: a cell may print {cellLimit / 1024} KB, a notebook {notebookLimit / 1024} KB]" };
                break;
        }
        return json;
    }

    private static string Head(string text) => text.Length <= 2048 ? text : text[..2048] + " …";

    private static long Size(CellOutput output) => output switch
    {
        StreamOutput s => s.Text.Length,
        DisplayOutput d => d.Data.Values.Sum(v => (long)v.Length),
        ResultOutput r => r.Data.Values.Sum(v => (long)v.Length),
        ErrorOutput e => e.Message.Length + e.Traceback.Sum(t => (long)t.Length),
        _ => 0,
    };
}

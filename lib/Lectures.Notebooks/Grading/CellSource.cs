using System.Text.Json.Nodes;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Grading;

/// <summary>Writes a cell's source as Jupyter stores it: a list of lines, each but the last ending in a newline.</summary>
internal static class CellSource
{
    public static void Set(NotebookCell cell, string text)
    {
        var lines = text.Split('\n');
        cell.Json["source"] = new JsonArray(lines.Select((l, i) => (JsonNode?)JsonValue.Create(i < lines.Length - 1 ? l + "\n" : l))
            .Where(l => l!.GetValue<string>().Length > 0).ToArray());
    }

    /// <summary>A detached copy of a cell's JSON.</summary>
    public static NotebookCell Copy(NotebookCell cell) => new(cell.Json.DeepClone().AsObject());
}

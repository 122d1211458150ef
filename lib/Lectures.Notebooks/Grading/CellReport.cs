using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Lectures.Notebooks.Grading;

/// <summary>What a grading worker says about one cell it ran (sealed by <see cref="ResultChannel"/>).</summary>
/// <param name="Index">The cell's position in the merged notebook, as in its <see cref="CellRequest"/>.</param>
/// <param name="Outputs">The cell's nbformat outputs, cut to the output limit; an error is the last one.</param>
/// <param name="ErrorName">The error's name when the cell failed ("CellTimeout" and "OutputLimit" are the worker's own).</param>
/// <param name="ErrorLine">The line of the cell the error is on, when known.</param>
/// <param name="ExecutionCount">The session's execution count after the cell.</param>
/// <param name="Milliseconds">How long the cell ran.</param>
/// <param name="Threads">Threads alive in the worker after the cell, for blame when a later cell starves.</param>
internal sealed record CellReport(int Index, JsonArray Outputs, string? ErrorName, int? ErrorLine, int ExecutionCount, double Milliseconds, int Threads)
{
    /// <summary>The error output, when the cell failed.</summary>
    [JsonIgnore]
    public JsonObject? Error => ErrorName is null ? null : Outputs.OfType<JsonObject>().LastOrDefault(o => o["output_type"]?.GetValue<string>() == "error");
}

using System.Text.Json.Nodes;

namespace Lectures.Notebooks.Execution;

/// <summary>A value shown with <c>display(...)</c>; <see cref="DisplayId"/> lets <see cref="DisplayHandle.Update"/> replace it.</summary>
public sealed record DisplayOutput(IReadOnlyDictionary<string, string> Data, string DisplayId) : CellOutput
{
    /// <inheritdoc />
    public override JsonObject ToJson(int? executionCount) =>
        new() { ["output_type"] = "display_data", ["data"] = Bundle(Data), ["metadata"] = new JsonObject() };
}

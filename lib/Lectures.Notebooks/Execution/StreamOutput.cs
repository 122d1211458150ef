using System.Text.Json.Nodes;

namespace Lectures.Notebooks.Execution;

/// <summary>Text a cell wrote to Console.Out ("stdout") or Console.Error ("stderr").</summary>
public sealed record StreamOutput(string Name, string Text) : CellOutput
{
    /// <inheritdoc />
    public override JsonObject ToJson(int? executionCount) =>
        new() { ["output_type"] = "stream", ["name"] = Name, ["text"] = Text };
}

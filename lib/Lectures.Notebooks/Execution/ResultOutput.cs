using System.Text.Json.Nodes;

namespace Lectures.Notebooks.Execution;

/// <summary>The value of a cell's last expression.</summary>
public sealed record ResultOutput(IReadOnlyDictionary<string, string> Data) : CellOutput
{
    /// <inheritdoc />
    public override JsonObject ToJson(int? executionCount) => new()
    {
        ["output_type"] = "execute_result", ["execution_count"] = executionCount,
        ["data"] = Bundle(Data), ["metadata"] = new JsonObject(),
    };
}

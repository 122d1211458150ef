using System.Text.Json.Nodes;

namespace Lectures.Notebooks.Execution;

/// <summary>A compile error, a runtime exception, a timeout or a bad directive, with the line it happened on when known.</summary>
public sealed record ErrorOutput(string Name, string Message, IReadOnlyList<string> Traceback, int? Line = null) : CellOutput
{
    /// <inheritdoc />
    public override JsonObject ToJson(int? executionCount) => new()
    {
        ["output_type"] = "error", ["ename"] = Name, ["evalue"] = Message,
        ["traceback"] = new JsonArray(Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
    };
}

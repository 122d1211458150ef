using System.Text.Json.Nodes;

namespace Lectures.Notebooks.Execution;

/// <summary>One output of a cell, as Jupyter knows them: a stream, a display, the cell's result or an error.</summary>
public abstract record CellOutput
{
    /// <summary>The nbformat 4 JSON of this output.</summary>
    /// <param name="executionCount">The cell's execution count (used by results).</param>
    public abstract JsonObject ToJson(int? executionCount);

    /// <summary>A mime bundle as nbformat JSON.</summary>
    protected static JsonObject Bundle(IReadOnlyDictionary<string, string> data) =>
        new(data.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
}

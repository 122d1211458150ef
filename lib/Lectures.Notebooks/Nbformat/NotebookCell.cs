using System.Text.Json.Nodes;

namespace Lectures.Notebooks.Nbformat;

/// <summary>One cell of a <see cref="Notebook"/>, a view over its JSON.</summary>
public sealed class NotebookCell(JsonObject json)
{
    /// <summary>The cell's JSON.</summary>
    public JsonObject Json => json;

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType => json["cell_type"]?.GetValue<string>() ?? "raw";

    /// <summary>The nbformat 4.5 cell id, if any.</summary>
    public string? Id
    {
        get => json["id"]?.GetValue<string>();
        set => json["id"] = value;
    }

    /// <summary>The source text (nbformat stores it as a string or as a list of lines).</summary>
    public string Source => MultilineText.Join(json["source"]);

    /// <summary>The outputs array of a code cell (created when missing).</summary>
    public JsonArray Outputs => json["outputs"] as JsonArray ?? (JsonArray)(json["outputs"] = new JsonArray());

    /// <summary>Replaces the outputs and the execution count of a code cell.</summary>
    public void SetOutputs(IEnumerable<JsonObject> outputs, int? executionCount)
    {
        json["outputs"] = new JsonArray(outputs.Cast<JsonNode>().ToArray());
        json["execution_count"] = executionCount;
    }
}

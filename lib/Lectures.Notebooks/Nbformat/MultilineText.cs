using System.Text.Json.Nodes;

namespace Lectures.Notebooks.Nbformat;

/// <summary>nbformat's multiline strings: a cell's source and an output's text are stored as one string or as a list of lines.</summary>
public static class MultilineText
{
    /// <summary>The text of <paramref name="node"/>, its lines joined as written (each keeps its own newline); "" when absent.</summary>
    public static string Join(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };
}

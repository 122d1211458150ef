using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.Completion;
using RoslynCompletion = Microsoft.CodeAnalysis.Completion.CompletionService;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// Completion (complete_request) from Roslyn's own completion service over the cell as the session's next submission
/// (<see cref="SubmissionWorkspace"/>): members after a dot (extension methods included), names in scope (earlier
/// cells' variables, imported types), keywords where C# allows them; narrowed to what the word being typed starts with.
/// </summary>
internal sealed class CompletionService(SubmissionWorkspace workspace)
{
    /// <summary>The content of a complete_reply for <paramref name="cell"/> with the cursor at <paramref name="cursor"/> (code points).</summary>
    public JsonObject Complete(string cell, int cursor)
    {
        var text = CellText.At(cell, cursor);
        var matches = new List<(string Name, string Type)>();
        var cursorStart = cursor;
        if (text.Position is { } position)
        {
            var document = workspace.Document(text.Code);
            if (RoslynCompletion.GetService(document)?.GetCompletionsAsync(document, position).GetAwaiter().GetResult() is { } list)
            {
                var start = Math.Min(list.Span.Start, position);
                var typed = text.Code[start..position];
                matches = list.ItemsList
                    .Where(i => i.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                    .Select(i => (Name: i.Properties.TryGetValue("InsertionText", out var insertion) ? insertion : i.DisplayText, Type: Kind(i)))
                    .DistinctBy(m => m.Name).OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList();
                cursorStart = text.ToCursor(start);
            }
        }
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(matches.Select(m => (JsonNode?)JsonValue.Create(m.Name)).ToArray()),
            ["cursor_start"] = cursorStart,
            ["cursor_end"] = cursor,
            ["metadata"] = new JsonObject
            {
                // JupyterLab shows these as icons beside the matches.
                ["_jupyter_types_experimental"] = new JsonArray(matches.Select(m => (JsonNode?)new JsonObject
                {
                    ["start"] = cursorStart, ["end"] = cursor, ["text"] = m.Name, ["type"] = m.Type,
                }).ToArray()),
            },
        };
    }

    /// <summary>Jupyter's name for the kind of a completion, from Roslyn's tags.</summary>
    private static string Kind(CompletionItem item) => item.Tags.FirstOrDefault() switch
    {
        "Method" or "ExtensionMethod" or "Delegate" => "function",
        "Class" or "Structure" or "Interface" or "Enum" or "Record" or "RecordStruct" or "TypeParameter" => "class",
        "Namespace" => "module",
        "Property" or "Event" => "property",
        "Field" or "Local" or "Parameter" or "Constant" or "EnumMember" or "RangeVariable" => "instance",
        "Keyword" => "keyword",
        _ => "statement",
    };
}

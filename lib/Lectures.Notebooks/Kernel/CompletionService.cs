using System.Text.Json.Nodes;
using Lectures.Notebooks.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// Completion (complete_request) from Roslyn's semantic model of the cell compiled as the session's next
/// submission: after a dot, the members of the expression's type (extension methods included) or of the named
/// type or namespace; elsewhere every name in scope (earlier cells' variables, imported types) and C# keywords.
/// </summary>
public sealed class CompletionService(NotebookSession notebook)
{
    private static readonly string[] Keywords =
        [.. SyntaxFacts.GetKeywordKinds().Concat(SyntaxFacts.GetContextualKeywordKinds()).Select(SyntaxFacts.GetText).Distinct()];

    /// <summary>The content of a complete_reply for <paramref name="cell"/> with the cursor at <paramref name="cursor"/> (code points).</summary>
    public JsonObject Complete(string cell, int cursor)
    {
        var text = CellText.At(cell, cursor);
        var matches = new List<(string Name, string Type)>();
        var start = text.Position ?? 0;
        if (text.Position is { } position)
        {
            start = position;
            while (start > 0 && (char.IsLetterOrDigit(text.Code[start - 1]) || text.Code[start - 1] is '_' or '@')) start--;
            var prefix = text.Code[start..position].TrimStart('@');
            var compilation = notebook.Analyze(text.Code);
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            var (symbols, afterDot) = Candidates(model, tree.GetRoot(), start);
            matches.AddRange(symbols
                .Where(s => s.CanBeReferencedByName && s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(s => (s.Name, Kind(s))));
            if (!afterDot) matches.AddRange(Keywords.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => (k, "keyword")));
            matches = matches.DistinctBy(m => m.Name).OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
        int cursorStart = text.Position is null ? cursor : text.ToCursor(start);
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

    /// <summary>What may be typed at <paramref name="start"/>, and whether it follows a dot.</summary>
    private static (IEnumerable<ISymbol> Symbols, bool AfterDot) Candidates(SemanticModel model, SyntaxNode root, int start)
    {
        var dot = start > 0 ? root.FindToken(start - 1) : default;
        if (!dot.IsKind(SyntaxKind.DotToken)) return (model.LookupSymbols(start), false);
        var left = dot.Parent switch
        {
            MemberAccessExpressionSyntax m => m.Expression,
            QualifiedNameSyntax q => q.Left,
            MemberBindingExpressionSyntax b => b.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()?.Expression,
            _ => null,
        };
        if (left is null) return ([], true);
        if (model.GetSymbolInfo(left).Symbol is INamespaceOrTypeSymbol named)
            return (model.LookupSymbols(start, named).Where(s => named is INamespaceSymbol || s.IsStatic || s is ITypeSymbol), true);
        return model.GetTypeInfo(left).Type is { TypeKind: not TypeKind.Error } type
            ? (model.LookupSymbols(start, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic), true)
            : ([], true);
    }

    private static string Kind(ISymbol symbol) => symbol switch
    {
        IMethodSymbol => "function",
        INamedTypeSymbol => "class",
        INamespaceSymbol => "module",
        IPropertySymbol => "property",
        IFieldSymbol or ILocalSymbol or IParameterSymbol => "instance",
        _ => "statement",
    };
}

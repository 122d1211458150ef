using System.Text;
using System.Text.Json.Nodes;
using Lectures.Notebooks.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// Inspection (inspect_request, Shift+Tab in Jupyter): the signature of the name at or just before the cursor
/// (every overload of a method call that is still being typed) and its documentation where there is some.
/// </summary>
public sealed class InspectionService(NotebookSession notebook)
{
    private static readonly SymbolDisplayFormat Signature = SymbolDisplayFormat.MinimallyQualifiedFormat
        .AddMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType)
        .AddKindOptions(SymbolDisplayKindOptions.IncludeTypeKeyword);

    private readonly DocumentationLookup documentation = new();

    /// <summary>The content of an inspect_reply for <paramref name="cell"/> with the cursor at <paramref name="cursor"/> (code points).</summary>
    public JsonObject Inspect(string cell, int cursor)
    {
        var reply = new JsonObject { ["status"] = "ok", ["found"] = false, ["data"] = new JsonObject(), ["metadata"] = new JsonObject() };
        var text = CellText.At(cell, cursor);
        if (text.Position is not { } position) return reply;
        var compilation = notebook.Analyze(text.Code);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var symbols = Symbols(model, tree.GetRoot(), position).Take(8).ToList();
        if (symbols.Count == 0) return reply;
        var shown = new StringBuilder();
        foreach (var symbol in symbols) shown.AppendLine(symbol.ToDisplayString(Signature));
        if (documentation.Describe(symbols[0], compilation) is { } docs) shown.AppendLine().AppendLine(docs);
        reply["found"] = true;
        reply["data"] = new JsonObject { ["text/plain"] = shown.ToString().TrimEnd() };
        return reply;
    }

    /// <summary>The symbol named at the cursor, or the method whose argument list the cursor is in.</summary>
    private static IEnumerable<ISymbol> Symbols(SemanticModel model, SyntaxNode root, int position)
    {
        var token = root.FindToken(position);
        if (!token.IsKind(SyntaxKind.IdentifierToken) && position > 0) token = root.FindToken(position - 1);
        var node = token.IsKind(SyntaxKind.IdentifierToken) ? token.Parent
            : token.Parent?.FirstAncestorOrSelf<InvocationExpressionSyntax>()?.Expression
              ?? (SyntaxNode?)token.Parent?.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
        if (node is null) return [];
        if (model.GetDeclaredSymbol(node) is { } declared) return [declared];
        var info = model.GetSymbolInfo(node);
        if (info.Symbol is { } symbol) return [symbol];
        return info.CandidateSymbols.Length > 0 ? info.CandidateSymbols : model.GetMemberGroup(node);
    }
}

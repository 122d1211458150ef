using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.QuickInfo;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// Inspection (inspect_request, Shift+Tab in Jupyter) from Roslyn's own Quick Info over the cell as the session's
/// next submission (<see cref="SubmissionWorkspace"/>): the signature of the name at or just before the cursor, or of
/// the method whose arguments are being typed, and its documentation where there is some.
/// </summary>
internal sealed class InspectionService(SubmissionWorkspace workspace)
{
    /// <summary>The content of an inspect_reply for <paramref name="cell"/> with the cursor at <paramref name="cursor"/> (code points).</summary>
    public JsonObject Inspect(string cell, int cursor)
    {
        var reply = new JsonObject { ["status"] = "ok", ["found"] = false, ["data"] = new JsonObject(), ["metadata"] = new JsonObject() };
        var text = CellText.At(cell, cursor);
        if (text.Position is not { } position) return reply;
        var document = workspace.Document(text.Code);
        var root = document.GetSyntaxRootAsync().GetAwaiter().GetResult()!;
        var info = QuickInfoService.GetService(document)?.GetQuickInfoAsync(document, NamePosition(root, position)).GetAwaiter().GetResult();
        if (info is null || info.Sections.IsEmpty) return reply;
        // The signature first, then the documentation, then the rest (type parameters, exceptions), a blank line apart.
        var sections = info.Sections.OrderBy(s => s.Kind switch { QuickInfoSectionKinds.Description => 0, QuickInfoSectionKinds.DocumentationComments => 1, _ => 2 });
        reply["found"] = true;
        reply["data"] = new JsonObject { ["text/plain"] = string.Join("\n\n", sections.Select(s => s.Text.Trim()).Where(t => t.Length > 0)) };
        return reply;
    }

    /// <summary>The position of the name at the cursor, or of the method (or type) whose argument list the cursor is in.</summary>
    private static int NamePosition(SyntaxNode root, int position)
    {
        foreach (var at in new[] { position, position - 1 })
            if (at >= 0 && root.FindToken(at) is var token && token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(at))
                return at;
        var call = root.FindToken(Math.Max(position - 1, 0)).Parent?.AncestorsAndSelf()
            .FirstOrDefault(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax);
        return call switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name.SpanStart,
            InvocationExpressionSyntax invocation => invocation.Expression.Span.End - 1,
            ObjectCreationExpressionSyntax creation => creation.Type.Span.End - 1,
            _ => position,
        };
    }
}

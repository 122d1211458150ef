using System.Text.Json.Nodes;
using Lectures.Notebooks.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// is_complete_request, for console front ends deciding whether Enter runs the code or starts a new line:
/// "incomplete" while Roslyn says more could follow (an open brace, a statement without its semicolon),
/// "invalid" for a finished submission with syntax errors, "complete" otherwise.
/// </summary>
public static class SubmissionCompleteness
{
    private static readonly CSharpParseOptions Script =
        CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>The content of an is_complete_reply for <paramref name="cell"/>.</summary>
    public static JsonObject Check(string cell)
    {
        var tree = CSharpSyntaxTree.ParseText(CellDirectives.Parse(cell).Code, Script);
        if (!SyntaxFactory.IsCompleteSubmission(tree)) return new JsonObject { ["status"] = "incomplete", ["indent"] = "" };
        var invalid = tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        return new JsonObject { ["status"] = invalid ? "invalid" : "complete" };
    }
}

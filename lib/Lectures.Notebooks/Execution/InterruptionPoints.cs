using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lectures.Notebooks.Execution;

/// <summary>
/// Inserts <see cref="CellInterruption.Check"/> at the top of every loop body of a cell (while, do, for, foreach,
/// in lambdas, local functions and classes too), so that even <c>while (true) { }</c> can be interrupted.
/// Insertions never add a line break: line numbers in errors stay those of the cell.
/// </summary>
internal static class InterruptionPoints
{
    private const string Check = "global::Lectures.Notebooks.Execution.CellInterruption.Check();";

    private static readonly CSharpParseOptions Script =
        CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>The cell's code with the checks inserted; the code itself when it has no loop.</summary>
    public static string Insert(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        var edits = new List<(int Position, int Order, string Text)>();
        foreach (var body in root.DescendantNodes().Select(Body).OfType<StatementSyntax>())
        {
            var depth = body.Ancestors().Count();
            switch (body)
            {
                case BlockSyntax block:
                    edits.Add((block.OpenBraceToken.Span.End, depth, Check));
                    break;
                // A declaration or label cannot be a loop's body anyway: the compiler reports the original code.
                case LocalDeclarationStatementSyntax or LabeledStatementSyntax:
                    break;
                default:
                    edits.Add((body.SpanStart, depth, "{" + Check));
                    // Closing braces at the same position: the innermost loop's first.
                    edits.Add((body.Span.End, int.MaxValue - depth, "}"));
                    break;
            }
        }
        if (edits.Count == 0) return code;
        var text = new StringBuilder(code);
        foreach (var (position, _, insert) in edits.OrderByDescending(e => e.Position).ThenByDescending(e => e.Order))
            text.Insert(position, insert);
        return text.ToString();
    }

    private static StatementSyntax? Body(SyntaxNode node) => node switch
    {
        WhileStatementSyntax w => w.Statement,
        DoStatementSyntax d => d.Statement,
        ForStatementSyntax f => f.Statement,
        CommonForEachStatementSyntax f => f.Statement,
        _ => null,
    };
}

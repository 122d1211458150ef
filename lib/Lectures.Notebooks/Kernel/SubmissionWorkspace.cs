using Lectures.Notebooks.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// The session's cells as a Roslyn workspace, so Roslyn's own editor services (completion, Quick Info) can answer
/// for the cell being typed, as .NET Interactive's C# kernel does: one submission project per executed cell, each
/// referencing the one before (Roslyn's script chain), and a project for the cell being typed on top. Executed
/// cells are added as the session runs them; their references carry their XML documentation
/// (<see cref="DocumentationLookup"/>).
/// </summary>
internal sealed class SubmissionWorkspace(NotebookSession notebook)
{
    private readonly AdhocWorkspace workspace = new(MefHostServices.DefaultHost);
    private readonly List<(Compilation Compilation, ProjectId Project)> submissions = [];
    private readonly Dictionary<string, MetadataReference> documented = [];
    private readonly object gate = new();
    private Solution executed = null!;

    /// <summary>The document Roslyn's services read for <paramref name="code"/> typed as the next cell.</summary>
    public Document Document(string code)
    {
        lock (gate)
        {
            executed ??= workspace.CurrentSolution;
            var next = notebook.Analyze(code);
            var chain = new List<Compilation>();
            for (var c = next.ScriptCompilationInfo?.PreviousScriptCompilation; c is not null; c = c.ScriptCompilationInfo?.PreviousScriptCompilation) chain.Insert(0, c);
            var kept = 0;
            while (kept < submissions.Count && kept < chain.Count && ReferenceEquals(submissions[kept].Compilation, chain[kept])) kept++;
            for (var i = submissions.Count - 1; i >= kept; i--) executed = executed.RemoveProject(submissions[i].Project);
            submissions.RemoveRange(kept, submissions.Count - kept);
            foreach (var compilation in chain.Skip(kept))
            {
                (executed, var project, _) = Add(executed, compilation);
                submissions.Add((compilation, project));
            }
            var (typing, _, document) = Add(executed, next);
            return typing.GetDocument(document)!;
        }
    }

    /// <summary>Adds <paramref name="compilation"/>'s cell as a submission project after the last one.</summary>
    private (Solution Solution, ProjectId Project, DocumentId Document) Add(Solution solution, Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single();
        var project = ProjectId.CreateNewId();
        var name = $"Submission#{submissions.Count}";
        var info = ProjectInfo.Create(project, VersionStamp.Create(), name, name, LanguageNames.CSharp,
            compilationOptions: compilation.Options, parseOptions: tree.Options,
            metadataReferences: compilation.References.Select(Documented).Distinct(),
            projectReferences: submissions.Count > 0 ? [new ProjectReference(submissions[^1].Project)] : [],
            isSubmission: true, hostObjectType: typeof(NotebookGlobals));
        var document = DocumentId.CreateNewId(project);
        return (solution.AddProject(info).AddDocument(document, name + ".csx", tree.GetText()), project, document);
    }

    private MetadataReference Documented(MetadataReference reference) =>
        reference is PortableExecutableReference { FilePath: { } path } file
            ? documented.TryGetValue(path, out var known) ? known : documented[path] = DocumentationLookup.Reference(file)
            : reference;

    /// <summary>Composes Roslyn's services and compiles their code paths once, so the first real request is quick.</summary>
    public static void WarmUp()
    {
        using var scratch = new AdhocWorkspace(MefHostServices.DefaultHost);
        var project = scratch.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Create(), "warm-up", "warm-up", LanguageNames.CSharp,
            parseOptions: new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(kind: SourceCodeKind.Script), isSubmission: true,
            metadataReferences: [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]));
        var document = scratch.AddDocument(project.Id, "warm-up.csx", SourceText.From("Math.Sq"));
        _ = Microsoft.CodeAnalysis.Completion.CompletionService.GetService(document)?.GetCompletionsAsync(document, 7).GetAwaiter().GetResult();
        _ = Microsoft.CodeAnalysis.QuickInfo.QuickInfoService.GetService(document)?.GetQuickInfoAsync(document, 6).GetAwaiter().GetResult();
    }
}

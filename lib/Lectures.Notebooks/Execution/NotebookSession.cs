using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Lectures.Notebooks.Formatting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace Lectures.Notebooks.Execution;

/// <summary>
/// Runs a notebook's C# cells one after another with the semantics of .NET Interactive's C# kernel: Roslyn
/// scripting with each cell a submission continuing the previous ones (variables, types and usings carry over),
/// its default imports, top-level await, <c>display</c>/<c>HTML</c>, console output captured per cell, the value of
/// the last expression as the result. A cell that does not compile changes nothing; one that throws keeps the
/// state it reached.
/// </summary>
public sealed partial class NotebookSession : IDisposable
{
    /// <summary>The namespaces .NET Interactive's C# kernel imports.</summary>
    public static readonly string[] DefaultImports =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private readonly string directory;
    private readonly NuGetRestorer restorer;
    private readonly OutputSink sink;
    private readonly NotebookGlobals globals;
    private readonly InteractiveAssemblyLoader loader = new();
    private readonly NativeLibraryResolver natives;
    private readonly TextWriter originalOut = Console.Out, originalError = Console.Error;
    private readonly List<(string Name, string? Version)> packages = [];
    private readonly List<string> sources = [];
    private readonly HashSet<string> referenceFolders = [];
    private ScriptOptions options;
    private ScriptState<object>? state;
    private CellThread cellThread = new();

    /// <summary>Starts an empty session whose relative paths (<c>#r</c>, <c>#load</c>) resolve against <paramref name="directory"/>.</summary>
    public NotebookSession(string directory, NuGetRestorer? restorer = null)
    {
        this.directory = Path.GetFullPath(directory);
        this.restorer = restorer ?? new NuGetRestorer(NuGetRestorer.DefaultCacheRoot);
        sink = new OutputSink();
        sink.Changed += (output, isUpdate) => OutputChanged?.Invoke(output, isUpdate);
        globals = new NotebookGlobals(sink);
        options = ScriptOptions.Default
            .WithImports(DefaultImports)
            .AddReferences(typeof(NotebookGlobals).Assembly, typeof(Microsoft.AspNetCore.Html.HtmlString).Assembly)
            .WithMetadataResolver(new CachingMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(this.directory)))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(this.directory))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest);
        AppDomain.CurrentDomain.AssemblyResolve += ResolveFromReferenceFolders;
        natives = new NativeLibraryResolver(() => referenceFolders.ToList());
        Console.SetOut(TextWriter.Synchronized(new ConsoleCapture(sink, "stdout")));
        Console.SetError(TextWriter.Synchronized(new ConsoleCapture(sink, "stderr")));
    }

    /// <summary>Raised as outputs appear (<c>isUpdate</c> false) or displays are replaced (true), for live front ends.</summary>
    public event Action<CellOutput, bool>? OutputChanged;

    /// <summary>How many cells have been executed.</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>How long an interrupted cell may take to reach a check before it is abandoned.</summary>
    public static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(3);

    /// <summary>Runs one cell and returns its outputs; never throws for errors in the cell.</summary>
    /// <param name="cell">The cell's text.</param>
    /// <param name="interrupt">Cancelled to interrupt the cell (a kernel's interrupt request): it stops at its next
    /// loop turn or output with a <c>CellInterrupted</c> error, keeping the state it reached; a cell blocked
    /// elsewhere (a sleep, a wait, a long library call) is abandoned after <see cref="InterruptGrace"/>.</param>
    public async Task<CellExecution> ExecuteAsync(string cell, CancellationToken interrupt = default)
    {
        var outputs = new List<CellOutput>();
        sink.StartCell(outputs);
        ExecutionCount++;
        var watch = Stopwatch.StartNew();
        var directives = CellDirectives.Parse(cell);
        if (directives.IsMarkdown)
        {
            sink.Add(new DisplayOutput(new Dictionary<string, string> { ["text/html"] = MarkdownCell.Html(cell) }, $"markdown-{ExecutionCount}"));
            sink.EndCell();
            return new CellExecution(outputs, null, watch.Elapsed);
        }
        var error = directives.UnknownMagic is { } magic
            ? Fail(new ErrorOutput("UnknownMagicCommand",
                $"Unknown magic command '{magic}'. This engine knows #!csharp, #!markdown and #!time.", [$"Unknown magic command '{magic}'"], 1))
            : await RunAsync(directives, interrupt);
        sink.EndCell();
        // As .NET Interactive's #!time: a plain-text display once the cell is done.
        if (directives.Time)
            sink.Add(new DisplayOutput(new Dictionary<string, string> { ["text/plain"] = $"Wall time: {watch.Elapsed.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms" }, $"time-{ExecutionCount}"));
        return new CellExecution(outputs, error, watch.Elapsed);
    }

    /// <summary>
    /// The Roslyn compilation <paramref name="code"/> (C# without directives) would get as the next cell, with
    /// everything earlier cells defined in scope; nothing runs. For completion and inspection.
    /// </summary>
    public Compilation Analyze(string code) =>
        Submission(code, Path.Combine(directory, $"cell-{ExecutionCount + 1}.csx")).GetCompilation();

    private Script<object> Submission(string code, string file) => state is null
        ? CSharpScript.Create(code, options.WithFilePath(file), typeof(NotebookGlobals), loader)
        : state.Script.ContinueWith(code, options.WithFilePath(file));

    private async Task<ErrorOutput?> RunAsync(CellDirectives directives, CancellationToken interrupt)
    {
        if (directives.ProvidedPackages.Contains("Plotly.NET.Interactive", StringComparer.OrdinalIgnoreCase))
            PlotlyInteractiveStandIn.Register();
        if (directives.Packages.Count > 0 || directives.Sources.Count > 0)
        {
            var error = AddPackages(directives);
            if (error is not null) return Fail(error);
        }
        var file = Path.Combine(directory, $"cell-{ExecutionCount}.csx");
        var checkedCode = InterruptionPoints.Insert(directives.Code);
        var script = Submission(checkedCode, file);
        var errors = Errors(script);
        // Errors are reported against the cell as written (the checks shift columns on their lines).
        if (errors.Count > 0 && checkedCode != directives.Code && Errors(script = Submission(directives.Code, file)) is { Count: > 0 } original)
            errors = original;
        if (errors.Count > 0)
        {
            ReportDiagnostics(errors);
            return Fail(CompilationError(errors));
        }
        var warnings = Warnings(script);
        if (warnings.Count > 0 && checkedCode != directives.Code) warnings = Warnings(Submission(directives.Code, file));
        foreach (var reference in script.GetCompilation().References.OfType<PortableExecutableReference>())
            if (reference.FilePath is { } path) referenceFolders.Add(Path.GetDirectoryName(path)!);

        var previous = state;
        CellInterruption.Reset();
        ScriptState<object> next;
        using (interrupt.Register(CellInterruption.Request))
        {
            var running = cellThread.Run(() =>
            {
                using var tensors = CellTensorScope.Open();
                return previous is null
                    ? script.RunAsync(globals, catchException: _ => true)
                    : script.RunFromAsync(previous, catchException: _ => true);
            });
            if (interrupt.CanBeCanceled && await Task.WhenAny(running, GraceAfter(interrupt)) != running)
            {
                // Blocked where no check reaches: leave it to its thread and carry on from the state before it.
                cellThread.Dispose();
                cellThread = new CellThread();
                CellInterruption.Reset();
                var message = $"The cell was interrupted but did not stop within {InterruptGrace.TotalSeconds:0} s (it is blocked " +
                              "outside a loop of the cell); it was abandoned and its variables are lost. Restart the kernel if it keeps the machine busy.";
                return Fail(new ErrorOutput("CellInterrupted", message, [message]));
            }
            next = await running;
        }
        var interrupted = CellInterruption.Requested;
        CellInterruption.Reset();
        state = next;
        ReportDiagnostics(warnings);
        if (next.Exception is { } exception)
            return Fail(interrupted && Unwrap(exception) is OperationCanceledException
                ? RuntimeError(exception, file) with { Name = "CellInterrupted", Message = "The cell was interrupted." }
                : RuntimeError(exception, file));
        // As .NET Interactive: a cell shows its value when Roslyn says the submission has one (a trailing expression,
        // or any return statement outside lambdas, e.g. in a local function inside a block), even when it is null.
        if (next.ReturnValue is not null || HasSubmissionResult(script))
            sink.Add(new ResultOutput(OutputFormatter.Format(next.ReturnValue, [])));
        return null;
    }

    /// <summary>
    /// Roslyn's own rule for whether a submission has a result, which .NET Interactive reads (through reflection, as
    /// <c>Compilation.HasSubmissionResult</c> is internal): a return statement among the statements, lambdas and
    /// types aside (so also one in a local function inside a block), or a trailing non-void expression without a
    /// semicolon.
    /// </summary>
    private static bool HasSubmissionResult(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last(t => t.FilePath == script.Options.FilePath);   // the cell, not its #load files
        var root = tree.GetCompilationUnitRoot();
        if (root.ContainsDiagnostics && root.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)) return false;
        if (root.DescendantNodes(n => n is CompilationUnitSyntax or GlobalStatementSyntax or StatementSyntax).Any(n => n.IsKind(SyntaxKind.ReturnStatement)))
            return true;
        return root.Members.LastOrDefault(m => m.IsKind(SyntaxKind.GlobalStatement)) is GlobalStatementSyntax
        {
            Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last,
        } && compilation.GetSemanticModel(tree).GetTypeInfo(last.Expression).ConvertedType?.SpecialType != SpecialType.System_Void;
    }

    private static List<Diagnostic> Errors(Script script) =>
        script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    /// <summary>The warnings and informational messages of a compilation, which .NET Interactive shows too.</summary>
    private static List<Diagnostic> Warnings(Script script) =>
        script.Compile().Where(d => d.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Info).ToList();

    private static async Task GraceAfter(CancellationToken interrupt)
    {
        var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (interrupt.Register(interrupted.SetResult))
            await interrupted.Task;
        await Task.Delay(InterruptGrace);
    }

    private ErrorOutput? AddPackages(CellDirectives directives)
    {
        foreach (var package in directives.Packages)
        {
            packages.RemoveAll(p => string.Equals(p.Name, package.Name, StringComparison.OrdinalIgnoreCase));
            packages.Add(package);
        }
        sources.AddRange(directives.Sources.Except(sources));
        if (packages.Count == 0) return null;
        try
        {
            var assemblies = restorer.Restore(packages, sources);
            foreach (var path in assemblies) referenceFolders.Add(Path.GetDirectoryName(path)!);
            options = options.AddReferences(assemblies.Where(IsManaged).Select(p => MetadataReference.CreateFromFile(p)));
            return null;
        }
        catch (InvalidOperationException e)
        {
            return new ErrorOutput("NuGetRestoreError", e.Message, [e.Message], 1);
        }
    }

    private ErrorOutput Fail(ErrorOutput error)
    {
        sink.Add(error);
        return error;
    }

    /// <summary>
    /// Compiler diagnostics on stderr, one paragraph each, as .NET Interactive's C# kernel shows them (errors before the
    /// error output, warnings after the cell ran).
    /// </summary>
    private void ReportDiagnostics(IReadOnlyList<Diagnostic> diagnostics)
    {
        if (diagnostics.Count > 0) sink.Write("stderr", "\n" + string.Join("\n\n", diagnostics.Select(Describe)) + "\n\n");
    }

    /// <summary>"(line,column): error CS0103: …" within the cell, as in .NET Interactive; no position when the diagnostic has none.</summary>
    private static string Describe(Diagnostic d)
    {
        var severity = d.Severity.ToString().ToLowerInvariant();
        if (!d.Location.IsInSource) return $"{severity} {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
        var span = d.Location.GetLineSpan().StartLinePosition;
        return $"({span.Line + 1},{span.Character + 1}): {severity} {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private static ErrorOutput CompilationError(IReadOnlyList<Diagnostic> errors)
    {
        var lines = errors.Select(Describe).ToList();
        return new ErrorOutput("CompilationError", string.Join("\n", lines), lines,
            errors[0].Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    private static Exception Unwrap(Exception exception)
    {
        while (exception is TargetInvocationException or AggregateException { InnerExceptions.Count: 1 } && exception.InnerException is not null)
            exception = exception.InnerException;
        return exception;
    }

    private static ErrorOutput RuntimeError(Exception exception, string file)
    {
        exception = Unwrap(exception);
        var match = LineInCell().Matches(exception.StackTrace ?? "")
            .FirstOrDefault(m => m.Groups["file"].Value == file);
        int? line = match is null ? null : int.Parse(match.Groups["line"].Value);
        // libtorch appends its C++ stack ("Exception raised from … frame #0: …") to the message; students need the first line
        var message = exception.Message.Split("\nException raised from ")[0];
        return new ErrorOutput(exception.GetType().FullName ?? exception.GetType().Name, message, [exception.ToString()], line);
    }

    private static bool IsManaged(string path)
    {
        try { AssemblyName.GetAssemblyName(path); return true; }
        catch (BadImageFormatException) { return false; }
    }

    /// <summary>Finds a dependency of a #r'd assembly in the folders the notebook referenced (e.g. beside Lectures.dll).</summary>
    private Assembly? ResolveFromReferenceFolders(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name);
        if (loaded is not null) return loaded;
        foreach (var folder in referenceFolders)
        {
            var candidate = Path.Combine(folder, name + ".dll");
            if (File.Exists(candidate)) return Assembly.LoadFrom(candidate);
        }
        return null;
    }

    [GeneratedRegex(@" in (?<file>.+?):line (?<line>\d+)")]
    private static partial Regex LineInCell();

    /// <summary>Gives the console back.</summary>
    public void Dispose()
    {
        AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromReferenceFolders;
        natives.Dispose();
        cellThread.Dispose();
        Console.SetOut(originalOut);
        Console.SetError(originalError);
        loader.Dispose();
    }
}

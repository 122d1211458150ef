using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lectures.Notebooks.Execution;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// Grades one submitted notebook against the instructor's: builds the notebook to run with
/// <see cref="SubmissionMerge"/>, runs its code cells one at a time in a <see cref="GradingWorker"/> (inside the
/// <see cref="SubmissionSandbox"/> when there is one), and scores each of the instructor's test cells from the
/// worker's sealed reports: its points if it ran without an error, else zero with the reason. Nothing the
/// submission wrote anywhere is read (see <see cref="ResultChannel"/>).
/// <para>
/// A cell past its timeout is interrupted and the run goes on. A cell that kills or wedges its worker takes the
/// session's state with it, so the run starts again in a fresh worker without that cell: the cells before it run
/// again (the notebooks are seeded, so they rebuild the same state) and the run continues after it. The whole
/// notebook, restarts included, has one time budget; cells it leaves no time for are not run.
/// </para>
/// <para>
/// What is handed back (the executed notebook, the messages) has the hidden tests masked, errors inside them
/// without their source, and every line of the instructor's solutions and hidden tests redacted from outputs
/// (<see cref="SecretText"/>).
/// </para>
/// </summary>
public sealed partial class Grader(GradingLimits limits, SubmissionSandbox sandbox, TextWriter log)
{
    /// <summary>The kit's failed-check exception (<c>Lectures.Grading.AssertionFailedException</c>): its message is shown as it is.</summary>
    internal const string AssertionFailure = "Lectures.Grading.AssertionFailedException";

    private const string CrashName = "WorkerCrash", BudgetName = "BudgetExhausted", TimeoutName = "CellTimeout";

    // Beyond the cell's own timeout and the session's grace for an interrupted cell: a busy machine's scheduling.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    /// <summary>Grades <paramref name="submissionPath"/>.</summary>
    /// <param name="solution">The instructor's notebook (with solutions and hidden tests), already validated.</param>
    /// <param name="solutionPath">Where it lives: relative paths in its directives resolve from its folder.</param>
    /// <param name="submissionPath">The student's file (anything: a file that is not a notebook scores zero with the reason).</param>
    /// <param name="student">The student's name, for progress and the result.</param>
    public async Task<Submission> GradeAsync(Notebook solution, string solutionPath, string submissionPath, string student)
    {
        solution.EnsureCellIds();
        var file = Path.GetFileName(submissionPath);
        Notebook submission;
        try
        {
            var size = new FileInfo(submissionPath).Length;
            if (size > GradingLimits.SubmissionBytes)
                return Unreadable(solution, student, $"{file} is {size >> 20} MB; a submitted notebook may be at most {GradingLimits.SubmissionBytes >> 20} MB");
            submission = Notebook.Load(submissionPath);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
        {
            return Unreadable(solution, student, $"{file} could not be read as a notebook: " + e.Message.Replace(submissionPath, file));
        }
        var merge = SubmissionMerge.Merge(solution, submission);
        var folder = Path.GetDirectoryName(Path.GetFullPath(solutionPath))!;
        var watch = Stopwatch.StartNew();
        var (results, problem) = await RunAsync(merge, folder, submissionPath, solution.Name, student);
        var (executed, hiddenErrors) = Executed(merge, results, SecretText.Of(solution));
        return problem is null
            ? new Submission(student, solution.Name, Score(executed, hiddenErrors), merge.Notes, null, executed, watch.Elapsed.TotalSeconds)
            : Unreadable(solution, student, problem) with { Notes = merge.Notes, Executed = executed, Seconds = watch.Elapsed.TotalSeconds };
    }

    /// <summary>A zero for every part, with the reason, for a submission that could not be graded.</summary>
    public static Submission Unreadable(Notebook solution, string student, string problem) =>
        new(student, solution.Name, TestCells(solution).Select(m => new PartScore(m.GradeId!, 0, m.Points, "not run", problem)).ToList(),
            [], problem, null);

    private static IEnumerable<GradingMarkup> TestCells(Notebook notebook) =>
        notebook.Cells.Select(GradingMarkup.Of).Where(m => m?.Role == CellRole.Test).Select(m => m!);

    /// <summary>What one cell produced, as the executed notebook shows it.</summary>
    private sealed record CellResult(JsonArray Outputs, int? ExecutionCount, int? ErrorLine);

    /// <summary>Runs the merged notebook's code cells, restarting after each cell that crashes or wedges its worker.</summary>
    private async Task<(Dictionary<int, CellResult> Results, string? Problem)> RunAsync(MergedSubmission merge, string folder, string submissionPath,
        string name, string student)
    {
        var cells = merge.Notebook.Cells;
        var code = Enumerable.Range(0, cells.Count).Where(i => cells[i].CellType == "code").ToList();
        var instructorCells = merge.Origins.Select((o, i) => (o, i)).Where(p => p.o is not null).Select(p => cells[p.i].Source);
        var resources = Directory.GetFiles(folder).Where(f => !f.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(f).StartsWith('.'));
        var layout = new WorkerLayout(folder, [(submissionPath, name), .. resources.Select(r => (r, Path.GetFileName(r)))],
            instructorCells.SelectMany(s => DirectivePaths.Folders(s, folder)).Distinct().ToList());
        var results = new Dictionary<int, CellResult>();
        var stopped = new HashSet<int>();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var worker = WorkerProcess.Start(sandbox, layout, limits, limits.Budget - watch.Elapsed);
            var restart = false;
            for (var p = 0; p < code.Count && !restart; p++)
            {
                var i = code[p];
                if (stopped.Contains(i)) continue;
                var left = limits.Budget - watch.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    foreach (var rest in code.Skip(p).Where(c => !stopped.Contains(c)))
                        results[rest] = Stop(BudgetName, $"Not run: the notebook used up its time budget of {limits.Budget.TotalSeconds:0} s before this cell.");
                    return (results, null);
                }
                if (StudentWritten(merge, i) && DirectivePaths.Loads(cells[i].Source))
                {
                    // An assembly an answer loads could bring extension methods or types that rebind the tests' names.
                    results[i] = Stop("DirectiveNotAllowed", "Not run: a cell the student writes may not load assemblies, scripts or packages " +
                                                             "(#r, #load, #i); the assignment's setup cell loads what it needs.");
                    continue;
                }
                var full = limits.TimeoutFor(p);
                var timeout = full < left ? full : left;
                log.WriteLine($"[{student}] {name}  cell {p + 1}/{code.Count}  {watch.Elapsed.TotalSeconds:0.0} s");
                var reply = await worker.RunAsync(i, DirectivePaths.Absolute(cells[i].Source, folder), timeout, timeout + NotebookSession.InterruptGrace + Slack);
                switch (reply)
                {
                    case WorkerReply.Reported { Report: var report }:
                        results[i] = new CellResult(report.Outputs, report.ExecutionCount, report.ErrorLine);
                        if (report.ErrorName == TimeoutName && timeout < full)
                            results[i] = results[i] with { Outputs = Replaced(report.Outputs, Error(TimeoutName,
                                $"The notebook's time budget of {limits.Budget.TotalSeconds:0} s ran out while this cell ran; it was stopped.")) };
                        break;
                    case WorkerReply.Tampered { What: var what }:
                        return (results, Tampering(what));
                    case WorkerReply.NoAnswer:
                        results[i] = Stop(TimeoutName, $"The cell did not finish within {timeout.TotalSeconds:0} s and did not stop when interrupted; its process was killed.");
                        (restart, _) = (true, stopped.Add(i));
                        break;
                    case WorkerReply.Exited { ExitCode: var exit, ErrorTail: var errors }:
                        results[i] = Stop(CrashName, CrashCause.Describe(exit, errors, limits));
                        (restart, _) = (true, stopped.Add(i));
                        break;
                }
            }
            if (!restart) return (results, await worker.FinishAsync() is { } extra ? Tampering(extra) : null);
        }
    }

    /// <summary>Whether the student wrote cell <paramref name="i"/>: an answer, a cell they added, or an instructor cell without nbgrader metadata.</summary>
    private static bool StudentWritten(MergedSubmission merge, int i) =>
        merge.Origins[i] is null || GradingMarkup.Of(merge.Notebook.Cells[i]) is null or { Role: CellRole.Answer or CellRole.Ordinary };

    private static string Tampering(string what) =>
        $"the notebook's code tampered with the grader's results channel ({what}); it scores zero";

    private static CellResult Stop(string name, string message) => new([Error(name, message)], null, null);

    private static JsonArray Replaced(JsonArray outputs, JsonObject error) =>
        new(outputs.Select(o => o is JsonObject { } j && j["output_type"]?.GetValue<string>() == "error" ? error : o!.DeepClone()).ToArray());

    /// <summary>The notebook as graded, as it may be handed back: outputs redacted, hidden tests masked, errors in them without their source.</summary>
    /// <returns>The notebook and the test cells whose error is in their hidden tests.</returns>
    private static (Notebook Executed, HashSet<int> HiddenErrors) Executed(MergedSubmission merge, Dictionary<int, CellResult> results, SecretText secrets)
    {
        var executed = Notebook.Parse(merge.Notebook.ToJson(), merge.Notebook.Name);
        var hiddenErrors = new HashSet<int>();
        for (var i = 0; i < executed.Cells.Count; i++)
        {
            var cell = executed.Cells[i];
            if (cell.CellType != "code") continue;
            var hidden = GradingMarkup.Of(cell)?.Role == CellRole.Test && merge.Origins[i] is not null
                ? MarkupRegions.Inside(cell.Source, hiddenTests: true).Select(l => l.Line).ToHashSet() : [];
            if (results.TryGetValue(i, out var result))
            {
                cell.SetOutputs(result.Outputs.Select(o => Redacted(o!.DeepClone().AsObject(), secrets, hidden)), result.ExecutionCount);
                if (result.ErrorLine is { } line && hidden.Contains(line)) hiddenErrors.Add(i);
            }
            if (hidden.Count > 0) CellSource.Set(cell, MarkupRegions.MaskHiddenTests(cell.Source));
        }
        return (executed, hiddenErrors);
    }

    /// <summary>Every string in <paramref name="output"/> redacted; compiler errors on hidden lines lose their text.</summary>
    private static JsonObject Redacted(JsonObject output, SecretText secrets, IReadOnlySet<int> hidden)
    {
        string Clean(string text) => secrets.Redact(hidden.Count == 0 ? text : Diagnostic().Replace(text,
            m => hidden.Contains(int.Parse(m.Groups["line"].Value)) ? $"{m.Groups["at"].Value}: error {m.Groups["id"].Value}: (in the hidden tests)" : m.Value));
        JsonNode? Walk(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Walk(kv.Value?.DeepClone())))),
            JsonArray a => new JsonArray(a.Select(x => Walk(x?.DeepClone())).ToArray()),
            JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(Clean(s)),
            _ => node,
        };
        return (JsonObject)Walk(output)!;
    }

    /// <summary>One score per instructor test cell; an answer cell's failure is named in the message of the test after it.</summary>
    private static List<PartScore> Score(Notebook executed, IReadOnlySet<int> hiddenErrors)
    {
        var parts = new List<PartScore>();
        var answerErrors = new List<(string GradeId, JsonObject Error)>();
        for (var i = 0; i < executed.Cells.Count; i++)
        {
            var cell = executed.Cells[i];
            // Cells the student added carry no nbgrader metadata any more (SubmissionMerge): only the instructor's count.
            var markup = GradingMarkup.Of(cell);
            if (markup?.Role == CellRole.Answer && Errors(cell).FirstOrDefault() is { } answerError)
                answerErrors.Add((markup.GradeId!, answerError));
            if (markup?.Role != CellRole.Test) continue;
            var error = Errors(cell).FirstOrDefault();
            var ran = cell.Json["execution_count"] is not null;
            // An answer left as the stub explains the failure better than whatever the test then tripped over.
            var unanswered = answerErrors.Any(a => Name(a.Error) == "System.NotImplementedException");
            var context = answerErrors.Count > 0
                ? " (" + string.Join("; ", answerErrors.Select(a => $"answer cell '{a.GradeId}' failed: {Describe(a.Error, false)}")) + ")"
                : "";
            parts.Add(error is null && ran
                ? new PartScore(markup.GradeId!, markup.Points, markup.Points, "passed", null)
                : error is null
                    ? new PartScore(markup.GradeId!, 0, markup.Points, "not run", "the test cell did not run" + context)
                    : new PartScore(markup.GradeId!, 0, markup.Points, Status(error),
                        Name(error) == BudgetName ? Describe(error, false)
                        : unanswered ? Describe(Error("System.NotImplementedException", ""), false) : Describe(error, hiddenErrors.Contains(i)) + context));
            answerErrors.Clear();
        }
        return parts;
    }

    private static string Status(JsonObject error) => Name(error) switch
    {
        TimeoutName => "timed out",
        BudgetName => "not run",
        _ => "failed",
    };

    private static string Describe(JsonObject error, bool inHiddenTests)
    {
        var message = error["evalue"]?.GetValue<string>() ?? "";
        return Name(error) switch
        {
            TimeoutName or BudgetName or CrashName or "OutputLimit" => message,
            "System.NotImplementedException" => "not answered yet: the answer still throws NotImplementedException",
            AssertionFailure => message,
            "CompilationError" => "does not compile: " + message.Split('\n')[0],
            "System.OutOfMemoryException" => $"ran out of memory: {message}",
            var name => (inHiddenTests ? "in the hidden tests: " : "") + $"{name}: {message}",
        };
    }

    private static IEnumerable<JsonObject> Errors(NotebookCell cell) =>
        cell.CellType == "code" ? cell.Outputs.OfType<JsonObject>().Where(o => o["output_type"]?.GetValue<string>() == "error") : [];

    private static string? Name(JsonObject error) => error["ename"]?.GetValue<string>();

    private static JsonObject Error(string name, string message) => new ErrorOutput(name, message, [message]).ToJson(null);

    [GeneratedRegex(@"(?<at>\((?<line>\d+),\d+\)): error (?<id>CS\d+): [^\n]*")]
    private static partial Regex Diagnostic();
}

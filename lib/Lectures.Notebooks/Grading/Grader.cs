using System.Text.Json.Nodes;
using Lectures.Notebooks.Execution;
using Lectures.Notebooks.Nbformat;
using Lectures.Notebooks.Running;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// Grades one submitted notebook against the instructor's: builds the notebook to run with
/// <see cref="SubmissionMerge"/> (the instructor's locked and test cells, hidden tests restored), executes it in a
/// worker process with <see cref="NotebookRunner"/> (every cell runs even after errors; a cell past the timeout has
/// its worker killed), and scores each test cell: its points if it ran without an error, else zero with the reason.
/// <para>
/// A cell that hangs or crashes the worker takes the session's state with it, so the run starts again in a fresh
/// worker with that cell emptied: the cells before it run again (the notebooks are seeded, so they rebuild the
/// same state) and the run continues after it. Each restart removes one more cell, so a submission costs at most
/// one run per stopped cell plus one. Only the stopped cell, and the tests that need what it would have defined,
/// lose their points.
/// </para>
/// </summary>
public sealed class Grader(TimeSpan cellTimeout, TextWriter log)
{
    private const string CrashName = "WorkerCrash";

    /// <summary>Grades <paramref name="submissionPath"/> and writes the executed notebook to <paramref name="executedPath"/>.</summary>
    /// <param name="solution">The instructor's notebook (with solutions and hidden tests), already validated.</param>
    /// <param name="solutionPath">Where it lives: the submission runs in its folder, so relative paths resolve as for the instructor.</param>
    /// <param name="submissionPath">The student's file (anything: a file that is not a notebook scores zero with the reason).</param>
    /// <param name="student">The student's name, for progress and the result.</param>
    /// <param name="executedPath">Where the executed notebook goes.</param>
    public async Task<Submission> GradeAsync(Notebook solution, string solutionPath, string submissionPath, string student, string executedPath)
    {
        solution.EnsureCellIds();
        Notebook submission;
        try { submission = Notebook.Load(submissionPath); }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
        {
            return Unreadable(solution, student, $"{Path.GetFileName(submissionPath)} could not be read as a notebook: " +
                e.Message.Replace(submissionPath, Path.GetFileName(submissionPath)));
        }
        var (merged, notes) = SubmissionMerge.Merge(solution, submission);
        var executed = await ExecuteAsync(merged, solutionPath, student, executedPath);
        return new Submission(student, solution.Name, Score(executed), notes, null, executedPath);
    }

    /// <summary>A zero for every part, with the reason, for a submission that could not be graded.</summary>
    public static Submission Unreadable(Notebook solution, string student, string problem) =>
        new(student, solution.Name, TestCells(solution).Select(m => new PartScore(m.GradeId!, 0, m.Points, "not run", problem)).ToList(),
            [], problem, null);

    private static IEnumerable<GradingMarkup> TestCells(Notebook notebook) =>
        notebook.Cells.Select(GradingMarkup.Of).Where(m => m?.Role == CellRole.Test).Select(m => m!);

    /// <summary>Runs the merged notebook, restarting after each cell that hangs or crashes the worker (see the class remarks).</summary>
    private async Task<Notebook> ExecuteAsync(Notebook merged, string solutionPath, string student, string executedPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(solutionPath))!;
        var source = Path.Combine(folder, $".grading-{Environment.ProcessId}.{student}.{Path.GetFileName(solutionPath)}");
        var runner = new NotebookRunner(cellTimeout, allowErrors: true, log);
        var stopped = new Dictionary<int, JsonObject>();   // cell index → the error that stopped it
        try
        {
            while (true)
            {
                var attempt = Notebook.Parse(merged.ToJson(), merged.Name);
                foreach (var index in stopped.Keys) CellSource.Set(attempt.Cells[index], "");
                attempt.Save(source);
                var run = await runner.RunAsync(source, executedPath, student);
                if (run.Status is "passed" or "failed") break;
                var result = Notebook.Load(executedPath);
                var cell = StoppedCell(result, stopped.Keys);
                if (cell is null) break;   // nothing left to skip: score what ran
                stopped[cell.Value] = run.Status == "timed out"
                    ? result.Cells[cell.Value].Outputs.OfType<JsonObject>().Last().DeepClone().AsObject()
                    : Error(CrashName, $"The notebook's process ended while this cell ran ({run.Problem?.Split('\n')[0]}); " +
                                       "an endless recursion (stack overflow) or Environment.Exit does this.");
            }
        }
        finally { File.Delete(source); }

        var executed = Notebook.Load(executedPath);
        foreach (var (index, error) in stopped)
        {
            CellSource.Set(executed.Cells[index], merged.Cells[index].Source);
            executed.Cells[index].SetOutputs([error], null);
        }
        executed.Save(executedPath);
        return executed;
    }

    /// <summary>The cell a timed-out or crashed run stopped in: the one with the timeout error, else the first code cell that did not run.</summary>
    private static int? StoppedCell(Notebook result, IEnumerable<int> alreadyStopped)
    {
        var skip = alreadyStopped.ToHashSet();
        for (var i = 0; i < result.Cells.Count; i++)
            if (!skip.Contains(i) && Errors(result.Cells[i]).Any(e => Name(e) == "CellTimeout")) return i;
        for (var i = 0; i < result.Cells.Count; i++)
            if (!skip.Contains(i) && result.Cells[i].CellType == "code" && result.Cells[i].Json["execution_count"] is null) return i;
        return null;
    }

    /// <summary>One score per test cell; an answer cell's failure is named in the message of the test after it.</summary>
    private List<PartScore> Score(Notebook executed)
    {
        var parts = new List<PartScore>();
        var answerErrors = new List<(string GradeId, JsonObject Error)>();
        foreach (var cell in executed.Cells)
        {
            var markup = GradingMarkup.Of(cell);
            if (markup?.Role == CellRole.Answer && Errors(cell).FirstOrDefault() is { } answerError)
                answerErrors.Add((markup.GradeId!, answerError));
            if (markup?.Role != CellRole.Test) continue;
            var error = Errors(cell).FirstOrDefault();
            var ran = cell.Json["execution_count"] is not null;
            // An answer left as the stub explains the failure better than whatever the test then tripped over.
            var unanswered = answerErrors.Any(a => Name(a.Error) == "System.NotImplementedException");
            var context = answerErrors.Count > 0
                ? " (" + string.Join("; ", answerErrors.Select(a => $"answer cell '{a.GradeId}' failed: {Describe(a.Error)}")) + ")"
                : "";
            parts.Add(error is null && ran
                ? new PartScore(markup.GradeId!, markup.Points, markup.Points, "passed", null)
                : error is null
                    ? new PartScore(markup.GradeId!, 0, markup.Points, "not run", "the test cell did not run" + context)
                    : new PartScore(markup.GradeId!, 0, markup.Points, Name(error) == "CellTimeout" ? "timed out" : "failed",
                        unanswered ? Describe(Error("System.NotImplementedException", "")) : Describe(error) + context));
            answerErrors.Clear();
        }
        return parts;
    }

    private string Describe(JsonObject error)
    {
        var message = error["evalue"]?.GetValue<string>() ?? "";
        return Name(error) switch
        {
            "CellTimeout" => $"stopped after {cellTimeout.TotalSeconds:0} s without finishing (an endless loop?)",
            "System.NotImplementedException" => "not answered yet: the answer still throws NotImplementedException",
            "Lectures.Grading.AssertionFailedException" => message,
            "CompilationError" => "does not compile: " + message.Split('\n')[0],
            CrashName => message,
            var name => $"{name}: {message}",
        };
    }

    private static IEnumerable<JsonObject> Errors(NotebookCell cell) =>
        cell.CellType == "code" ? cell.Outputs.OfType<JsonObject>().Where(o => o["output_type"]?.GetValue<string>() == "error") : [];

    private static string? Name(JsonObject error) => error["ename"]?.GetValue<string>();

    private static JsonObject Error(string name, string message) => new ErrorOutput(name, message, [message]).ToJson(null);
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// Grades a class: finds each student's submission (<see cref="ClassSubmissions"/>), grades each of their notebooks
/// with <see cref="Grader"/>, <paramref name="jobs"/> students at a time, and writes
/// &lt;out&gt;/&lt;student&gt;/feedback.html, score.json and the executed notebooks, and &lt;out&gt;/gradebook.csv.
/// A submission that is missing, unreadable, breaks a limit or breaks the grader scores zero with the reason; the
/// batch goes on. Students share nothing while they run but the machine, so parallel workers change only timing:
/// on a loaded machine keep <paramref name="jobs"/> at most the number of cores, or raise the cell timeout.
/// </summary>
public sealed class GradingBatch(GradingLimits limits, int jobs, TextWriter log)
{
    private readonly TextWriter log = TextWriter.Synchronized(log);

    /// <summary>Grades everything and writes the outputs; returns every (student, notebook) result.</summary>
    /// <param name="solutions">The instructor's notebook or a folder of them.</param>
    /// <param name="submissions">A submission file or a folder of them (see <see cref="ClassSubmissions"/>).</param>
    /// <param name="output">The folder for feedback and the gradebook.</param>
    /// <param name="sandbox">How submissions are isolated; <see cref="SubmissionSandbox.Detect"/> when null.</param>
    public async Task<IReadOnlyList<StudentResult>> RunAsync(string solutions, string submissions, string output, SubmissionSandbox? sandbox = null)
    {
        if (limits.Problems().ToList() is { Count: > 0 } problems) throw new ArgumentException(string.Join("\n", problems));
        if (jobs < 1) throw new ArgumentException($"--jobs: expected at least 1, got {jobs}");
        IEnumerable<string> paths = Directory.Exists(solutions)
            ? Directory.GetFiles(solutions, "*.ipynb").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)
            : File.Exists(solutions) ? [solutions] : throw new FileNotFoundException($"No assignment notebook or folder at {solutions}", solutions);
        var notebooks = paths.Select(path => (Path: path, Notebook: Notebook.Load(path))).ToList();
        if (notebooks.Count == 0) throw new FileNotFoundException($"No assignment notebooks (*.ipynb) in {solutions}", solutions);
        foreach (var (_, notebook) in notebooks) StudentVersion.Validate(notebook);
        var (students, skipped) = ClassSubmissions.Find(submissions, notebooks.Select(n => n.Notebook.Name).ToList());

        sandbox ??= SubmissionSandbox.Detect();
        log.WriteLine(sandbox.Description);
        foreach (var s in skipped) log.WriteLine($"skipped {s}");
        var grader = new Grader(limits, sandbox, log);
        var results = new StudentResult[students.Count];
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, students.Count), new ParallelOptions { MaxDegreeOfParallelism = jobs }, async (k, _) =>
        {
            var student = students[k];
            var mine = new List<Submission>();
            foreach (var (path, solution) in notebooks)
            {
                var file = student.Files.GetValueOrDefault(solution.Name);
                mine.Add(file is null
                    ? Grader.Unreadable(solution, student.Name, $"no {solution.Name} in the submission")
                    : await GradeOneAsync(grader, solution, path, file, student.Name));
            }
            results[k] = new StudentResult(student.Name, student.Notes, mine);
            Write(Path.Combine(output, student.Folder), results[k]);
            log.WriteLine($"{student.Name}: {Number(mine.Sum(s => s.Total))} / {Number(mine.Sum(s => s.MaxTotal))}" +
                          string.Concat(mine.Select(s => $"  {s.Notebook} {Number(s.Total)}/{Number(s.MaxTotal)}")));
        });
        Gradebook.Write(Path.Combine(output, "gradebook.csv"), notebooks.Select(n => n.Notebook).ToList(), results);
        log.WriteLine($"Graded {students.Count} students in {watch.Elapsed.TotalSeconds:0.0} s ({jobs} at a time).");
        return results;
    }

    private static async Task<Submission> GradeOneAsync(Grader grader, Notebook solution, string solutionPath, string file, string student)
    {
        try { return await grader.GradeAsync(solution, solutionPath, file, student); }
        catch (Exception e)   // the batch boundary: whatever one submission does, the others are still graded
        {
            return Grader.Unreadable(solution, student, $"the submission could not be graded: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>A student's folder: the notebooks as graded, feedback.html and score.json.</summary>
    private static void Write(string folder, StudentResult student)
    {
        foreach (var submission in student.Notebooks) submission.Executed?.Save(Path.Combine(folder, submission.Notebook));
        AtomicFile.WriteAllText(Path.Combine(folder, "feedback.html"), FeedbackPage.Render(student));
        AtomicFile.WriteAllText(Path.Combine(folder, "score.json"), ScoreJson(student));
    }

    private static string ScoreJson(StudentResult student)
    {
        var submissions = student.Notebooks;
        var json = new JsonObject
        {
            ["student"] = student.Name,
            ["total"] = submissions.Sum(s => s.Total),
            ["max_total"] = submissions.Sum(s => s.MaxTotal),
            ["notes"] = new JsonArray(student.Notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            ["notebooks"] = new JsonArray(submissions.Select(s => (JsonNode)new JsonObject
            {
                ["notebook"] = s.Notebook, ["total"] = s.Total, ["max_total"] = s.MaxTotal, ["problem"] = s.Problem,
                ["seconds"] = Math.Round(s.Seconds, 1),
                ["notes"] = new JsonArray(s.Notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
                ["parts"] = new JsonArray(s.Parts.Select(p => (JsonNode)new JsonObject
                {
                    ["grade_id"] = p.GradeId, ["points"] = p.Points, ["max_points"] = p.MaxPoints, ["status"] = p.Status, ["message"] = p.Message,
                }).ToArray()),
            }).ToArray()),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

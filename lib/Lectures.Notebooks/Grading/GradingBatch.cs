using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// Grades a class: finds each student's submission of each assignment notebook, grades it with <see cref="Grader"/>
/// and writes &lt;out&gt;/&lt;student&gt;/feedback.html, score.json and the executed notebooks, and
/// &lt;out&gt;/gradebook.csv. A submission that is missing, unreadable or breaks the grader scores zero with the
/// reason; the batch goes on.
/// <para>
/// Submissions: one file (its name, without extension, is the student); or a folder whose files are one student
/// each (grading one notebook) and whose subfolders are one student each, holding the notebooks under their
/// assignment names (a subfolder with a single notebook is taken for a single-notebook assignment whatever its name).
/// </para>
/// </summary>
public sealed class GradingBatch(TimeSpan cellTimeout, TextWriter log)
{
    /// <summary>Grades everything and writes the outputs; returns every (student, notebook) result.</summary>
    /// <param name="solutions">The instructor's notebook or a folder of them.</param>
    /// <param name="submissions">A submission file or a folder of them (see the class remarks).</param>
    /// <param name="output">The folder for feedback and the gradebook.</param>
    public async Task<IReadOnlyList<Submission>> RunAsync(string solutions, string submissions, string output)
    {
        IEnumerable<string> paths = Directory.Exists(solutions)
            ? Directory.GetFiles(solutions, "*.ipynb").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)
            : File.Exists(solutions) ? [solutions] : throw new FileNotFoundException($"No assignment notebook or folder at {solutions}", solutions);
        var notebooks = paths.Select(path => (Path: path, Notebook: Notebook.Load(path))).ToList();
        if (notebooks.Count == 0) throw new FileNotFoundException($"No assignment notebooks (*.ipynb) in {solutions}", solutions);
        foreach (var (_, notebook) in notebooks) StudentVersion.Validate(notebook);

        var grader = new Grader(cellTimeout, log);
        var results = new List<Submission>();
        foreach (var (student, files) in Students(submissions, notebooks.Select(n => n.Notebook.Name).ToList()))
        {
            var folder = Path.Combine(output, student);
            var mine = new List<Submission>();
            foreach (var (path, solution) in notebooks)
            {
                var file = files.GetValueOrDefault(solution.Name);
                mine.Add(file is null
                    ? Grader.Unreadable(solution, student, $"no {solution.Name} in the submission")
                    : await GradeOneAsync(grader, solution, path, file, student, Path.Combine(folder, solution.Name)));
            }
            FeedbackPage.Write(Path.Combine(folder, "feedback.html"), student, mine);
            AtomicFile.WriteAllText(Path.Combine(folder, "score.json"), ScoreJson(student, mine));
            log.WriteLine($"{student}: {Number(mine.Sum(s => s.Total))} / {Number(mine.Sum(s => s.MaxTotal))}" +
                          string.Concat(mine.Select(s => $"  {s.Notebook} {Number(s.Total)}/{Number(s.MaxTotal)}")));
            results.AddRange(mine);
        }
        Gradebook.Write(Path.Combine(output, "gradebook.csv"), results);
        return results;
    }

    private static async Task<Submission> GradeOneAsync(Grader grader, Notebook solution, string solutionPath, string file, string student, string executed)
    {
        try { return await grader.GradeAsync(solution, solutionPath, file, student, executed); }
        catch (Exception e)   // the batch boundary: whatever one submission does, the others are still graded
        {
            return Grader.Unreadable(solution, student, $"the submission could not be graded: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Each student with the file submitted for each notebook name.</summary>
    private static IEnumerable<(string Student, Dictionary<string, string> Files)> Students(string submissions, IReadOnlyList<string> notebooks)
    {
        if (File.Exists(submissions))
        {
            if (notebooks.Count > 1)
                throw new ArgumentException($"{submissions}: expected a folder with a subfolder per student for an assignment of {notebooks.Count} notebooks, got a file");
            yield return (Path.GetFileNameWithoutExtension(submissions), new() { [notebooks[0]] = submissions });
            yield break;
        }
        if (!Directory.Exists(submissions)) throw new FileNotFoundException($"No submission file or folder at {submissions}", submissions);
        var entries = Directory.GetFileSystemEntries(submissions).Where(e => !Path.GetFileName(e).StartsWith('.')).Order(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (Directory.Exists(entry))
            {
                var files = notebooks.Where(n => File.Exists(Path.Combine(entry, n))).ToDictionary(n => n, n => Path.Combine(entry, n));
                var only = Directory.GetFiles(entry, "*.ipynb");
                if (notebooks.Count == 1 && files.Count == 0 && only.Length == 1) files[notebooks[0]] = only[0];
                yield return (Path.GetFileName(entry), files);
            }
            else
                yield return (Path.GetFileNameWithoutExtension(entry),
                    notebooks.Count == 1 ? new() { [notebooks[0]] = entry } : new Dictionary<string, string>());
        }
    }

    private static string ScoreJson(string student, IReadOnlyList<Submission> submissions)
    {
        var json = new JsonObject
        {
            ["student"] = student,
            ["total"] = submissions.Sum(s => s.Total),
            ["max_total"] = submissions.Sum(s => s.MaxTotal),
            ["notebooks"] = new JsonArray(submissions.Select(s => (JsonNode)new JsonObject
            {
                ["notebook"] = s.Notebook, ["total"] = s.Total, ["max_total"] = s.MaxTotal, ["problem"] = s.Problem,
                ["notes"] = new JsonArray(s.Notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
                ["parts"] = new JsonArray(s.Parts.Select(p => (JsonNode)new JsonObject
                {
                    ["grade_id"] = p.GradeId, ["points"] = p.Points, ["max_points"] = p.MaxPoints, ["status"] = p.Status, ["message"] = p.Message,
                }).ToArray()),
            }).ToArray()),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

using System.Text.Json.Nodes;
using Lectures.Notebooks.Grading;
using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Notebooks;
using Lectures.Tests.Support;

namespace Lectures.Tests.Grading;

/// <summary>
/// Runs the engine's assign once and grade twice, through the command line as an instructor would: the solution
/// and the untouched student version of every assignment; then edited copies of assignment 1 (one part wrong, an
/// endless loop, an edited and a deleted test cell, files that are not notebooks) with a 10 s cell timeout.
/// </summary>
public sealed class GradingRun : IDisposable
{
    public const string First = "a1-rnn-step.ipynb";

    public GradingRun()
    {
        (AssignExit, AssignOutput) = EngineRun.Engine(["assign", Assignments, "--out", Release]);

        foreach (var name in Names)
        {
            Copy(Path.Combine(Assignments, name), Path.Combine(Root, "class", "solution", name));
            Copy(Path.Combine(Release, name), Path.Combine(Root, "class", "student", name));
        }
        (ClassExit, ClassOutput) = EngineRun.Engine(["grade", Assignments, Path.Combine(Root, "class"), "--out", ClassGrades], TimeSpan.FromMinutes(20));

        var edited = Path.Combine(Root, "edited");
        Directory.CreateDirectory(edited);
        Edit(Path.Combine(Assignments, First), Path.Combine(edited, "one-wrong.ipynb"), nb =>
            SetSource(Cell(nb, "rnn_step_backward"), Cell(nb, "rnn_step_backward").Source.Replace("da.T.matmul(hPrev)", "2 * da.T.matmul(hPrev)")));
        Edit(Path.Combine(Assignments, First), Path.Combine(edited, "endless.ipynb"), nb =>
            SetSource(Cell(nb, "rnn_step_forward"), "Tensor RnnStepForward(Tensor x, Tensor hPrev, Tensor W, Tensor U, Tensor b)\n{\n    while (true) { }\n}"));
        Edit(Path.Combine(Release, First), Path.Combine(edited, "cheat.ipynb"), nb =>
        {
            SetSource(Cell(nb, "rnn_step_forward"), Cell(Notebook.Load(Path.Combine(Assignments, First)), "rnn_step_forward").Source);
            var test = Cell(nb, "test_rnn_step_backward");
            SetSource(test, "Assert.True(true, \"nothing to see\");");
            test.Json["metadata"]!.AsObject().Remove("nbgrader");   // matched by its cell id then
            nb.Root["cells"]!.AsArray().Remove(Cell(nb, "test_rnn_step_forward").Json);
        });
        File.WriteAllText(Path.Combine(edited, "not-json.ipynb"), "this is not JSON");
        File.WriteAllText(Path.Combine(edited, "not-a-notebook.ipynb"), "{\"cells\": 3}");
        File.WriteAllText(Path.Combine(edited, "essay.txt"), "I did the assignment in my head.");
        (EditedExit, EditedOutput) = EngineRun.Engine(
            ["grade", Path.Combine(Assignments, First), edited, "--out", EditedGrades, "--cell-timeout", "10"], TimeSpan.FromMinutes(20));
    }

    public static string Assignments => Repo.Path("notebooks", "assignments");

    public static IReadOnlyList<string> Names =>
        Directory.GetFiles(Assignments, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public string Root { get; } = Directory.CreateTempSubdirectory("grading-").FullName;
    public string Release => Path.Combine(Root, "release");
    public string ClassGrades => Path.Combine(Root, "class-grades");
    public string EditedGrades => Path.Combine(Root, "edited-grades");
    public int AssignExit { get; }
    public string AssignOutput { get; }
    public int ClassExit { get; }
    public string ClassOutput { get; }
    public int EditedExit { get; }
    public string EditedOutput { get; }

    /// <summary>A student's score.json.</summary>
    public static JsonObject Score(string grades, string student) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(grades, student, "score.json")))!.AsObject();

    /// <summary>One notebook's entry in a score.json.</summary>
    public static JsonObject NotebookScore(JsonObject score, string name) =>
        score["notebooks"]!.AsArray().Single(n => n!["notebook"]!.GetValue<string>() == name)!.AsObject();

    /// <summary>One part of a notebook's entry, by the test cell's grade_id.</summary>
    public static JsonObject Part(JsonObject notebook, string gradeId) =>
        notebook["parts"]!.AsArray().Single(p => p!["grade_id"]!.GetValue<string>() == gradeId)!.AsObject();

    public static NotebookCell Cell(Notebook notebook, string gradeId) =>
        notebook.Cells.Single(c => GradingMarkup.Of(c)?.GradeId == gradeId);

    public static void SetSource(NotebookCell cell, string source) => cell.Json["source"] = source;

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    private static void Edit(string from, string to, Action<Notebook> edit)
    {
        var notebook = Notebook.Load(from);
        edit(notebook);
        notebook.Save(to);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

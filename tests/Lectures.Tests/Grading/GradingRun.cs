using System.Text.Json.Nodes;
using Lectures.Notebooks.Grading;
using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Notebooks;
using Lectures.Tests.Support;
using static Lectures.Tests.Grading.StudentNotebooks;

namespace Lectures.Tests.Grading;

/// <summary>
/// Runs the engine's assign once and grade twice, through the command line as an instructor would: the solution
/// and the untouched student version of every assignment; then a class of assignment 1 submissions with a 10 s cell
/// timeout, two students at a time: a control student who answers correctly, edited copies (one part wrong, an
/// endless loop, edited and deleted test cells), files that are not notebooks, odd names, and the attacks a student
/// who wants points without the work would try, each written as that student would write it. Whether grading runs
/// sandboxed depends on the machine (bubblewrap present or not); every attack here must fail either way.
/// </summary>
public sealed class GradingRun : IDisposable
{
    public const string First = "a1-rnn-step.ipynb";

    /// <summary>A name of 230 characters with its extension, like the one that once gave a PathTooLongException.</summary>
    public static readonly string LongName = "student-" + new string('x', 230 - "student-".Length - ".ipynb".Length);

    /// <summary>Students whose file is not a notebook at all, with names a spreadsheet or a file system could trip over.</summary>
    public static readonly string[] OddJunkNames = ["gradebook.csv", "Zoë-学生", "=SUM(1,2)", "-2+3"];

    public GradingRun()
    {
        (AssignExit, AssignOutput) = EngineRun.Engine(["assign", Assignments, "--out", Release]);

        foreach (var name in Names)
        {
            Copy(Path.Combine(Assignments, name), Path.Combine(Root, "class", "solution", name));
            Copy(Path.Combine(Release, name), Path.Combine(Root, "class", "student", name));
        }
        (ClassExit, ClassOutput) = EngineRun.Engine(["grade", Assignments, Path.Combine(Root, "class"), "--out", ClassGrades, "--jobs", "2"], TimeSpan.FromMinutes(30));

        WriteEditedClass();
        (EditedExit, EditedOutput) = EngineRun.Engine(
            ["grade", Path.Combine(Assignments, First), Edited, "--out", EditedGrades, "--cell-timeout", "10", "--jobs", "2"], TimeSpan.FromMinutes(40));
    }

    private void WriteEditedClass()
    {
        var release = Path.Combine(Release, First);
        var solution = Path.Combine(Assignments, First);
        string At(string name) => Path.Combine(Edited, name + ".ipynb");

        Answered(release, Forward, Backward).SaveTo(At("control"));
        Edit(solution, At("one-wrong"), nb =>
            SetSource(Cell(nb, "rnn_step_backward"), Cell(nb, "rnn_step_backward").Source.Replace("da.T.matmul(hPrev)", "2 * da.T.matmul(hPrev)")));
        Edit(solution, At("endless"), nb =>
            SetSource(Cell(nb, "rnn_step_forward"), "Tensor RnnStepForward(Tensor x, Tensor hPrev, Tensor W, Tensor U, Tensor b)\n{\n    while (true) { }\n}"));
        Edit(release, At("cheat"), nb =>
        {
            SetSource(Cell(nb, "rnn_step_forward"), Cell(Notebook.Load(solution), "rnn_step_forward").Source);
            var test = Cell(nb, "test_rnn_step_backward");
            SetSource(test, "Assert.True(true, \"nothing to see\");");
            test.Json["metadata"]!.AsObject().Remove("nbgrader");   // matched by its cell id then
            nb.Root["cells"]!.AsArray().Remove(Cell(nb, "test_rnn_step_forward").Json);
        });
        File.WriteAllText(At("not-json"), "this is not JSON");
        File.WriteAllText(At("not-a-notebook"), "{\"cells\": 3}");
        File.WriteAllText(Path.Combine(Edited, "essay.txt"), "I did the assignment in my head.");

        // Forged results: wipe the errors out of whatever notebook the grader might score, as the process ends.
        Answered(release, WrongForward, WrongBackward).Add("data", """
            using System.IO;
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                var places = Environment.GetCommandLineArgs().Where(Directory.Exists).Append(Environment.CurrentDirectory);
                foreach (var file in places.SelectMany(p => Directory.EnumerateFiles(p, "*.ipynb", SearchOption.AllDirectories)))
                    try
                    {
                        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!;
                        foreach (var cell in json["cells"]!.AsArray())
                            if (cell!["outputs"] is System.Text.Json.Nodes.JsonArray outputs) outputs.Clear();
                        File.WriteAllText(file, json.ToJsonString());
                    }
                    catch (Exception) { }
            };
            """).SaveTo(At("forged-exit"));
        // Forged results straight onto the grader's pipe, in the format the engine's source shows.
        Answered(release, WrongForward, WrongBackward).Add("data", """
            using System.IO;
            var pipe = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
            for (var cell = 0; cell < 20; cell++)
                pipe.WriteLine("\u001e@grading-report " + new string('0', 64) + " {\"Index\":" + cell +
                               ",\"Outputs\":[],\"ErrorName\":null,\"ErrorLine\":null,\"ExecutionCount\":1,\"Milliseconds\":1,\"Threads\":1}");
            """).SaveTo(At("forged-channel"));
        // A graded cell of one's own, worth 100 points; the name sorts first, where the gradebook once took its columns from.
        Answered(release, WrongForward, Backward).Add("test_rnn_step_backward", "Console.WriteLine(\"bonus points, please\");", new JsonObject
        {
            ["grade"] = true, ["grade_id"] = "bonus", ["locked"] = true, ["points"] = 100, ["schema_version"] = 3, ["solution"] = false, ["task"] = false,
        }).SaveTo(At("!bonus"));
        // An Assert of one's own that agrees with everything, as a class, as a using alias and as a fake namespace.
        Answered(release, """
            static class Assert
            {
                public static void Close(object expected, object actual, double tolerance, string what) { }
                public static void True(bool condition, string message) { }
            }
            class Lectures { public class Grading { public static class Assert { public static void Close(object e, object a, double t, string w) { } } } }
            """ + "\n" + WrongForward, WrongBackward).SaveTo(At("shadow-class"));
        Answered(release, """
            using Assert = Lenient;
            static class Lenient
            {
                public static void Close(object expected, object actual, double tolerance, string what) { }
                public static void True(bool condition, string message) { }
            }
            """ + "\n" + WrongForward, WrongBackward).SaveTo(At("shadow-alias"));
        // With all-zero data tanh(0) = 0 is right, and a randn of one's own makes the tests' inputs zero too.
        Answered(release, """
            x = zeros_like(x); hPrev = zeros_like(hPrev); W = zeros_like(W); U = zeros_like(U); b = zeros_like(b);
            Tensor randn(params long[] shape) => zeros(shape, dtype: float64);
            """ + "\n" + WrongForward, WrongBackward).SaveTo(At("mutate-state"));
        // The instructor's notebook, with solutions and hidden tests, is somewhere near.
        Answered(release, Forward, Backward).Add("data", $$"""
            using System.IO;
            foreach (var path in new[] { "{{First}}", "../{{First}}", "../assignments/{{First}}", "{{Path.Combine(Assignments, First)}}" })
                if (File.Exists(path)) Console.WriteLine(File.ReadAllText(path));
            """).SaveTo(At("leak-read"));
        // An answer that only fails the hidden tests (one example), whose error must not show their source.
        Answered(release, """
            Tensor RnnStepForward(Tensor x, Tensor hPrev, Tensor W, Tensor U, Tensor b)
            {
                if (x.shape[0] == 1) throw new InvalidOperationException("I only handle batches");
                return (x.matmul(U.T) + hPrev.matmul(W.T) + b).tanh();
            }
            """, Backward).SaveTo(At("hidden-error"));
        // The backward step by autograd instead of by hand.
        Answered(release, Forward, AutogradBackward).SaveTo(At("autograd"));
        // Limits: all the memory there is, printing forever, 200 MB at once.
        Answered(release, Forward, Backward).Add("data", """
            var hoard = new List<Tensor>();
            while (true) hoard.Add(zeros(256, 1024, 1024));   // 1 GB each
            """).SaveTo(At("hog"));
        Answered(release, Forward, Backward).Add("data", "while (true) Console.WriteLine(\"spam spam spam spam spam\");").SaveTo(At("printer"));
        Answered(release, Forward, Backward).Add("data", "Console.Write(new string('x', 200_000_000));").SaveTo(At("big-output"));
        // Honest blame: a thread that never ends, an answer moved below its test, a script, a crash, an exit.
        Answered(release, Forward + "\nnew System.Threading.Thread(() => { while (true) { } }) { IsBackground = false }.Start();", Backward)
            .SaveTo(At("thread"));
        Answered(release, Forward, Backward).Move("rnn_step_forward", "test_rnn_step_forward").SaveTo(At("moved"));
        Answered(release, Forward, Backward).Add("data", "display(HTML(\"<script>document.title = 'pwned';</script><b>bold</b>\"));").SaveTo(At("script"));
        Answered(release, Forward, Backward).Add("data", "int Down(int n) => Down(n + 1) + 1;\nDown(0);").SaveTo(At("recursion"));
        Answered(release, Forward, Backward).Add("data", "Environment.Exit(3);").SaveTo(At("exit"));

        // Names: a folder and a file for the same student, names the output folder or a spreadsheet could trip over.
        Answered(release, Forward, Backward).SaveTo(Path.Combine(Edited, "alice", First));
        Answered(release, Forward, Backward).SaveTo(At("alice"));
        Answered(release, Forward, Backward).SaveTo(At(LongName));
        foreach (var name in OddJunkNames) File.WriteAllText(At(name), "not a notebook");
        Directory.CreateDirectory(Path.Combine(Edited, "..sneaky"));
        File.WriteAllText(Path.Combine(Edited, "..sneaky", First), "not a notebook either");
        Directory.CreateDirectory(Path.Combine(Edited, ".ipynb_checkpoints"));
        File.WriteAllText(Path.Combine(Edited, ".ipynb_checkpoints", "control-checkpoint.ipynb"), "{}");
    }

    public static string Assignments => Repo.Path("notebooks", "assignments");

    public static IReadOnlyList<string> Names =>
        Directory.GetFiles(Assignments, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public string Root { get; } = Directory.CreateTempSubdirectory("grading-").FullName;
    public string Release => Path.Combine(Root, "release");
    public string ClassGrades => Path.Combine(Root, "class-grades");
    public string Edited => Path.Combine(Root, "edited");
    public string EditedGrades => Path.Combine(Root, "edited-grades");
    public int AssignExit { get; }
    public string AssignOutput { get; }
    public int ClassExit { get; }
    public string ClassOutput { get; }
    public int EditedExit { get; }
    public string EditedOutput { get; }

    /// <summary>A student's score.json, found through the name it records (output folders may carry a hash).</summary>
    public static JsonObject Score(string grades, string student) =>
        Directory.GetDirectories(grades).Select(d => Path.Combine(d, "score.json")).Where(File.Exists)
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject())
            .Single(s => s["student"]!.GetValue<string>() == student);

    /// <summary>The folder the grader wrote a student's feedback into.</summary>
    public static string Folder(string grades, string student) =>
        Directory.GetDirectories(grades).Single(d => File.Exists(Path.Combine(d, "score.json")) &&
            JsonNode.Parse(File.ReadAllText(Path.Combine(d, "score.json")))!["student"]!.GetValue<string>() == student);

    /// <summary>One notebook's entry in a score.json.</summary>
    public static JsonObject NotebookScore(JsonObject score, string name) =>
        score["notebooks"]!.AsArray().Single(n => n!["notebook"]!.GetValue<string>() == name)!.AsObject();

    /// <summary>One part of a notebook's entry, by the test cell's grade_id.</summary>
    public static JsonObject Part(JsonObject notebook, string gradeId) =>
        notebook["parts"]!.AsArray().Single(p => p!["grade_id"]!.GetValue<string>() == gradeId)!.AsObject();

    public static NotebookCell Cell(Notebook notebook, string gradeId) =>
        notebook.Cells.Single(c => GradingMarkup.Of(c)?.GradeId == gradeId);

    public static void SetSource(NotebookCell cell, string source) => cell.Json["source"] = source;

    /// <summary>The gradebook's rows as fields (RFC 4180 quoting).</summary>
    public static List<List<string>> Csv(string path)
    {
        var rows = new List<List<string>>();
        var text = File.ReadAllText(path);
        var (row, field, quoted) = (new List<string>(), new System.Text.StringBuilder(), false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString().TrimEnd('\r')); field.Clear(); rows.Add(row); row = []; }
            else field.Append(c);
        }
        return rows;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    private static void Edit(string from, string to, Action<Notebook> edit)
    {
        var notebook = Notebook.Load(from);
        edit(notebook);
        notebook.SaveTo(to);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

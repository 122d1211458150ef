using System.Text.Json.Nodes;
using Lectures.Notebooks.Nbformat;
using static Lectures.Tests.Grading.GradingRun;

namespace Lectures.Tests.Grading;

/// <summary>
/// The probes of a student who wants points without the work (issue 17), each an assignment 1 submission in
/// <see cref="GradingRun"/>'s class beside a control student who answers correctly. They must fail whether or not
/// the machine has a sandbox; the ones only a sandbox stops are in <see cref="IsolationTests"/>.
/// </summary>
[Trait("Category", "Grading")]
[Collection(GradingRunCollection.Name)]
public class AttackTests(GradingRun run)
{
    private JsonObject Notebook(string student) => NotebookScore(Score(run.EditedGrades, student), First);

    private double Total(string student) => Notebook(student)["total"]!.GetValue<double>();

    private string Message(string student, string part) => Part(Notebook(student), part)["message"]?.GetValue<string>() ?? "";

    private string Status(string student, string part) => Part(Notebook(student), part)["status"]!.GetValue<string>();

    private Notebook Executed(string student) => Lectures.Notebooks.Nbformat.Notebook.Load(Path.Combine(Folder(run.EditedGrades, student), First));

    private string Feedback(string student) => File.ReadAllText(Path.Combine(Folder(run.EditedGrades, student), "feedback.html"));

    /// <summary>The outputs of the one code cell the student added (it has no nbgrader metadata and is not the instructor's).</summary>
    private JsonObject[] AddedCellOutputs(string student, string marker) =>
        Executed(student).Cells.Single(c => c.CellType == "code" && c.Source.Contains(marker)).Outputs.OfType<JsonObject>().ToArray();

    [Fact]
    public void Every_cell_a_student_added_compiled_so_each_attack_really_ran()
    {
        foreach (var folder in Directory.GetDirectories(run.EditedGrades))
        {
            var executed = Path.Combine(folder, First);
            if (!File.Exists(executed)) continue;
            foreach (var cell in Lectures.Notebooks.Nbformat.Notebook.Load(executed).Cells.Where(c => c.CellType == "code" && Lectures.Notebooks.Grading.GradingMarkup.Of(c) is null))
                Assert.DoesNotContain(cell.Outputs.OfType<JsonObject>(), o => o["ename"]?.GetValue<string>() == "CompilationError");
        }
    }

    [Fact]
    public void The_control_student_scores_full_marks_and_the_batch_finishes()
    {
        Assert.True(run.EditedExit == 0, run.EditedOutput);
        Assert.Equal(5, Total("control"));
    }

    [Theory]
    [InlineData("forged-exit")]      // a ProcessExit handler clears the errors of every notebook it can reach
    [InlineData("shadow-class")]     // a class called Assert (and a class called Lectures) that agrees with everything
    [InlineData("shadow-alias")]     // using Assert = a lenient class of one's own
    [InlineData("mutate-state")]     // the data cell's variables zeroed, and a randn of one's own
    public void Wrong_answers_score_zero_however_the_answer_cells_try_to_redirect_the_tests(string student)
    {
        Assert.Equal(0, Total(student));
        Assert.StartsWith("h_t: ", Message(student, "test_rnn_step_forward"));
        Assert.Equal("failed", Status(student, "test_rnn_step_backward"));
    }

    [Fact]
    public void Forged_reports_on_the_graders_channel_are_tampering_and_score_zero()
    {
        var notebook = Notebook("forged-channel");
        Assert.Equal(0, notebook["total"]!.GetValue<double>());
        Assert.Contains("tampered with the grader's results channel (a report whose seal does not match)", notebook["problem"]!.GetValue<string>());
        Assert.Equal(5, Total("control"));
    }

    [Fact]
    public void A_graded_cell_the_student_added_scores_nothing_and_changes_no_column_or_maximum()
    {
        var notebook = Notebook("!bonus");
        Assert.Equal(3, notebook["total"]!.GetValue<double>());
        Assert.Equal(5, notebook["max_total"]!.GetValue<double>());
        Assert.Equal(["test_rnn_step_forward", "test_rnn_step_backward"], notebook["parts"]!.AsArray().Select(p => p!["grade_id"]!.GetValue<string>()));
        Assert.Contains(notebook["notes"]!.AsArray(), n => n!.GetValue<string>() ==
            "a cell the submission added claims to be a graded test ('bonus', 100 points); it ran as an ordinary cell and scores nothing");
        var rows = Csv(Path.Combine(run.EditedGrades, "gradebook.csv"));
        Assert.Equal(["student", "a1-rnn-step/test_rnn_step_forward (2)", "a1-rnn-step/test_rnn_step_backward (3)", "a1-rnn-step (5)", "total", "max_total", "problems"], rows[0]);
        Assert.Equal("!bonus", rows[1][0]);   // first, where the old gradebook took its columns from
        Assert.All(rows.Skip(1), r => Assert.Equal("5", r[5]));
    }

    [Fact]
    public void Nothing_handed_back_holds_the_instructors_solutions_or_hidden_tests()
    {
        var solution = Lectures.Notebooks.Nbformat.Notebook.Load(Path.Combine(Assignments, First));
        var secrets = solution.Cells.SelectMany(c => Lectures.Notebooks.Grading.MarkupRegions.Inside(c.Source, hiddenTests: true)
                .Concat(Lectures.Notebooks.Grading.MarkupRegions.Inside(c.Source, hiddenTests: false)))
            .Select(l => l.Text.Trim()).Where(l => l.Length >= 16).ToList();
        Assert.NotEmpty(secrets);
        // leak-read printed every copy of the notebook it could find; its own copy has its answers, the instructor's is not there
        // (sandbox) or came back redacted.
        Assert.Contains(AddedCellOutputs("leak-read", "File.ReadAllText"), o => o["output_type"]!.GetValue<string>() == "stream");
        // one-wrong, endless and cheat handed in the solution's own answers (edited), so those lines are theirs to get back.
        foreach (var student in Directory.GetDirectories(run.EditedGrades).Where(d => Path.GetFileName(d) is not ("one-wrong" or "endless" or "cheat")))
        {
            foreach (var file in Directory.GetFiles(student))
            {
                var text = File.ReadAllText(file);
                Assert.DoesNotContain("BEGIN HIDDEN TESTS", text);
                foreach (var line in secrets)
                    Assert.False(text.Contains(line) || text.Contains(System.Net.WebUtility.HtmlEncode(line)) || text.Contains(Json(line)),
                        $"{file} holds the instructor's line {line}");
            }
        }
    }

    private static string Json(string line) => System.Text.Json.JsonSerializer.Serialize(line,
        new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })[1..^1];

    [Fact]
    public void An_error_inside_the_hidden_tests_is_named_without_their_source()
    {
        Assert.Equal("in the hidden tests: System.InvalidOperationException: I only handle batches", Message("hidden-error", "test_rnn_step_forward"));
        Assert.Equal(3, Total("hidden-error"));
        var test = Executed("hidden-error").Cells.Single(c => c.Source.Contains("RnnStepForward(x, hPrev"));
        Assert.Contains("// (hidden tests)", test.Source);
        Assert.DoesNotContain("xBig", test.Source);
    }

    [Fact]
    public void A_backward_step_left_to_autograd_loses_that_part_and_says_why()
    {
        Assert.Equal("passed", Status("autograd", "test_rnn_step_forward"));
        Assert.Equal("failed", Status("autograd", "test_rnn_step_backward"));
        Assert.StartsWith("a1 part 2 (the backward step) must be computed by hand: autograd is off while this test runs your function",
            Message("autograd", "test_rnn_step_backward"));
        Assert.Equal(2, Total("autograd"));
    }

    [Theory]
    [InlineData("hog", "var hoard")]
    [InlineData("printer", "spam spam")]
    [InlineData("big-output", "200_000_000")]
    public void A_cell_past_a_limit_fails_alone_and_the_answers_still_score(string student, string marker)
    {
        Assert.Equal(5, Total(student));
        var error = AddedCellOutputs(student, marker).Single(o => o["output_type"]!.GetValue<string>() == "error");
        var name = error["ename"]!.GetValue<string>();
        switch (student)
        {
            case "hog":
                Assert.Contains("can't allocate memory", error["evalue"]!.GetValue<string>());
                break;
            default:
                Assert.True(name is "OutputLimit" or "System.OutOfMemoryException", $"{name}: {error["evalue"]}");
                break;
        }
        Assert.InRange(new FileInfo(Path.Combine(Folder(run.EditedGrades, student), "feedback.html")).Length, 1, 3 << 20);
    }

    [Fact]
    public void A_thread_that_never_ends_costs_no_later_test_its_points() => Assert.Equal(5, Total("thread"));

    [Fact]
    public void An_answer_moved_below_its_test_is_graded_in_its_place_and_the_note_says_so()
    {
        Assert.Equal(5, Total("moved"));
        var notes = Notebook("moved")["notes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Equal(["answer cell 'rnn_step_forward' was moved below 'test_rnn_step_forward' in the submission; it ran in its place"], notes);
    }

    [Fact]
    public void Script_in_an_html_output_does_not_run_in_the_feedback_page()
    {
        var html = Feedback("script");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html);
        Assert.Contains("sandbox=\"\"", html);
        Assert.Contains("srcdoc=\"&lt;script&gt;document.title = &#39;pwned&#39;;&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;\"", html);
    }

    [Theory]
    [InlineData("recursion", "Down(0)", "The process ran out of stack while this cell ran: an endless recursion?")]
    [InlineData("exit", "Environment.Exit", "The process exited by itself with code 3 while this cell ran: the code called Environment.Exit?")]
    public void A_crash_is_blamed_on_what_happened_and_costs_only_its_cell(string student, string marker, string blame)
    {
        Assert.Equal(5, Total(student));
        var error = AddedCellOutputs(student, marker).Single();
        Assert.Equal("WorkerCrash", error["ename"]!.GetValue<string>());
        Assert.Equal(blame, error["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void A_folder_and_a_file_for_the_same_student_are_both_graded_and_reported()
    {
        const string note = "2 submissions would be the student 'alice' (alice/, alice.ipynb); each was graded under its own name: check which one counts";
        foreach (var student in new[] { "alice", "alice.ipynb" })
        {
            Assert.Equal(5, Total(student));
            Assert.Equal([note], Score(run.EditedGrades, student)["notes"]!.AsArray().Select(n => n!.GetValue<string>()));
        }
        var rows = Csv(Path.Combine(run.EditedGrades, "gradebook.csv"));
        Assert.Equal(note, rows.Single(r => r[0] == "alice")[^1]);
    }

    [Fact]
    public void Odd_names_are_graded_never_skipped_and_the_gradebook_survives_them()
    {
        Assert.Equal(5, Total(LongName));
        var rows = Csv(Path.Combine(run.EditedGrades, "gradebook.csv")).Skip(1).Select(r => r[0]).ToList();
        Assert.Contains(LongName, rows);
        Assert.Contains("..sneaky", rows);
        Assert.Contains("gradebook.csv", rows);
        Assert.Contains("Zoë-学生", rows);
        // A spreadsheet takes a cell starting with = + - @ for a formula: the gradebook writes them with an apostrophe.
        Assert.Contains("'=SUM(1,2)", rows);
        Assert.Contains("'-2+3", rows);
        Assert.DoesNotContain(rows, r => r.Length > 0 && r[0] is '=' or '+' or '-' or '@');
        Assert.Contains("skipped .ipynb_checkpoints (Jupyter's checkpoint folder, not a submission)", run.EditedOutput);
        Assert.DoesNotContain(".ipynb_checkpoints", rows);
        Assert.True(File.Exists(Path.Combine(run.EditedGrades, "gradebook.csv")));
        Assert.All(Directory.GetDirectories(run.EditedGrades), d => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(d)), 1, 100));
    }
}

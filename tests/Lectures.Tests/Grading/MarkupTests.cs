using System.Text.Json.Nodes;
using Lectures.Notebooks.Grading;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Tests.Grading;

/// <summary>The nbgrader conventions without running anything: regions, metadata rules, student versions, merging, the gradebook.</summary>
[Trait("Category", "Grading")]
public class MarkupTests
{
    private static JsonObject Cell(string type, string source, string? gradeId = null, bool solution = false, bool grade = false,
        bool locked = false, double points = 0, string? id = null)
    {
        var cell = new JsonObject { ["cell_type"] = type, ["id"] = id ?? gradeId ?? Guid.NewGuid().ToString("N")[..8], ["metadata"] = new JsonObject(), ["source"] = source };
        if (type == "code") { cell["outputs"] = new JsonArray(); cell["execution_count"] = null; }
        if (gradeId is not null)
            cell["metadata"]!["nbgrader"] = new JsonObject
            {
                ["grade"] = grade, ["grade_id"] = gradeId, ["locked"] = locked, ["points"] = points,
                ["schema_version"] = 3, ["solution"] = solution, ["task"] = false,
            };
        return cell;
    }

    private static Notebook Make(params JsonObject[] cells) =>
        Notebook.Parse(new JsonObject { ["cells"] = new JsonArray(cells), ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 }.ToJsonString(), "test.ipynb");

    private static Notebook Assignment() => Make(
        Cell("code", "var setup = 1;", "setup", locked: true),
        Cell("code", "int F()\n{\n    // BEGIN SOLUTION\n    return 42;\n    // END SOLUTION\n}", "answer", solution: true),
        Cell("code", "Check(F() == 42);\n// BEGIN HIDDEN TESTS\nCheck(F() > 0);\n// END HIDDEN TESTS", "test", grade: true, locked: true, points: 2));

    [Fact]
    public void A_solution_region_becomes_the_stub_indented_like_its_begin_line()
    {
        var cleared = MarkupRegions.ClearSolutions("int F()\n{\n    // BEGIN SOLUTION\n    return 42;\n    // END SOLUTION\n}", code: true, out var replaced);
        Assert.True(replaced);
        Assert.Equal("int F()\n{\n    // YOUR CODE HERE\n    throw new NotImplementedException();\n}", cleared);
    }

    [Fact]
    public void Hidden_tests_are_removed_and_nbgraders_python_spelling_is_accepted()
    {
        Assert.Equal("a\nb", MarkupRegions.ClearHiddenTests("a\n// BEGIN HIDDEN TESTS\nsecret\n// END HIDDEN TESTS\nb", out var removed));
        Assert.True(removed);
        Assert.Equal("x\n// YOUR CODE HERE\nthrow new NotImplementedException();", MarkupRegions.ClearSolutions("x\n### BEGIN SOLUTION\ny\n### END SOLUTION", true, out _));
    }

    [Theory]
    [InlineData("// BEGIN SOLUTION\na", "BEGIN SOLUTION without an END SOLUTION")]
    [InlineData("// END SOLUTION", "line 1: END SOLUTION without a BEGIN SOLUTION before it")]
    [InlineData("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "line 2: BEGIN SOLUTION inside another SOLUTION region; regions do not nest")]
    public void Unbalanced_regions_are_errors_that_say_where(string source, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => MarkupRegions.ClearSolutions(source, true, out _));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Roles_follow_nbgraders_rules()
    {
        Assert.Equal(CellRole.Answer, GradingMarkup.Of(new NotebookCell(Cell("code", "", "a", solution: true, locked: true)))!.Role);
        Assert.Equal(CellRole.Test, GradingMarkup.Of(new NotebookCell(Cell("code", "", "t", grade: true, points: 1)))!.Role);
        Assert.Equal(CellRole.ReadOnly, GradingMarkup.Of(new NotebookCell(Cell("code", "", "r", locked: true)))!.Role);
        Assert.Null(GradingMarkup.Of(new NotebookCell(Cell("code", ""))));
    }

    [Fact]
    public void Markup_errors_name_the_cell_and_the_problem()
    {
        var bad = Make(
            Cell("code", "// BEGIN SOLUTION\nx\n// END SOLUTION", "given", locked: true),
            Cell("code", "// BEGIN HIDDEN TESTS\nx\n// END HIDDEN TESTS", "answer", solution: true),
            Cell("code", "t", "test", grade: true, locked: true, points: 0),
            Cell("code", "t", "test", grade: true, locked: true, points: 1));
        var message = Assert.Throws<InvalidDataException>(() => StudentVersion.Validate(bad)).Message;
        Assert.Contains("cell 1 ('given') has a solution region but is not an answer cell (nbgrader.solution = true)", message);
        Assert.Contains("cell 2 ('answer') has hidden tests but is not a test cell (nbgrader.grade = true)", message);
        Assert.Contains("cell 3 ('test') is an autograder test cell, expected points above 0, found 0", message);
        Assert.Contains("cell 4 ('test'): grade_id 'test' is used by an earlier cell too; ids must be unique", message);
    }

    [Fact]
    public void The_student_version_locks_cells_like_nbgrader()
    {
        var student = StudentVersion.Create(Assignment());
        Assert.Equal("Check(F() == 42);", student.Cells[2].Source);
        Assert.Null(student.Cells[1].Json["metadata"]!["editable"]);   // the answer cell stays editable
        Assert.False(student.Cells[2].Json["metadata"]!["editable"]!.GetValue<bool>());
        Assert.All(student.Cells, c => Assert.False(c.Json["metadata"]!["deletable"]!.GetValue<bool>()));
    }

    [Fact]
    public void Merging_keeps_answers_restores_locked_cells_and_lost_answers_become_stubs()
    {
        var solution = Assignment();
        var submission = Make(
            Cell("code", "var setup = 999;", "setup", locked: true),
            Cell("code", "// my helper", id: "mine"),
            Cell("code", "Check(true);", "test", grade: true, locked: true, points: 99));
        var (merged, origins, notes) = SubmissionMerge.Merge(solution, submission);
        Assert.Equal(new int?[] { 0, null, 1, 2 }, origins);
        Assert.Equal(["var setup = 1;", "// my helper", "int F()\n{\n    // YOUR CODE HERE\n    throw new NotImplementedException();\n}", solution.Cells[2].Source],
            merged.Cells.Select(c => c.Source));
        Assert.Equal(2, GradingMarkup.Of(merged.Cells[3])!.Points);
        Assert.Equal([
            "read-only cell 'setup' was changed in the submission; the instructor's copy was used",
            "answer cell 'answer' is missing from the submission; graded as unanswered",
            "test cell 'test' was changed in the submission; the instructor's copy was used"], notes);
    }

    [Fact]
    public void Moved_answers_run_in_their_place_and_added_cells_after_the_cell_they_followed_without_grade_metadata()
    {
        var solution = Assignment();
        var bonus = Cell("code", "// free points", "bonus", grade: true, locked: true, points: 100);
        var submission = Make(
            Cell("code", "var setup = 1;", "setup", locked: true),
            Cell("code", solution.Cells[2].Source, "test", grade: true, locked: true, points: 2),
            Cell("code", "int F() => 42;", "answer", solution: true),
            bonus);
        var (merged, origins, notes) = SubmissionMerge.Merge(solution, submission);
        Assert.Equal(["var setup = 1;", "int F() => 42;", solution.Cells[2].Source, "// free points"], merged.Cells.Select(c => c.Source));
        Assert.Equal(new int?[] { 0, 1, 2, null }, origins);
        Assert.Null(GradingMarkup.Of(merged.Cells[3]));
        Assert.Equal([
            "answer cell 'answer' was moved below 'test' in the submission; it ran in its place",
            "a cell the submission added claims to be a graded test ('bonus', 100 points); it ran as an ordinary cell and scores nothing"], notes);
    }

    [Fact]
    public void The_gradebook_takes_columns_from_the_instructor_quotes_fields_and_neutralises_formulas()
    {
        var parts = new[] { new PartScore("test", 2, 2, "passed", null) };
        var csv = Gradebook.ToCsv([Assignment()], [
            new StudentResult("bob", [], [new Submission("bob", "test.ipynb", parts.Append(new PartScore("bonus", 100, 100, "passed", null)).ToList(), [], null, null)]),
            new StudentResult("=HYPERLINK(\"http://x\")", ["two submissions, say"], [new Submission("=x", "test.ipynb", parts.Select(p => p with { Points = 0 }).ToList(), [], "broken, \"badly\"", null)])]);
        Assert.Equal(
            "student,test/test (2),test (2),total,max_total,problems\n" +
            "\"'=HYPERLINK(\"\"http://x\"\")\",0,0,0,2,\"two submissions, say; test.ipynb: broken, \"\"badly\"\"\"\n" +
            "bob,2,2,2,2,\n", csv.ReplaceLineEndings("\n"));
        foreach (var start in new[] { "=", "+", "-", "@", "\t", "\r" })
            Assert.StartsWith("'", Gradebook.Field(start + "1").Trim('"'));
    }

    [Fact]
    public void A_report_opens_only_with_its_cells_nonce_and_index()
    {
        var nonce = ResultChannel.NewNonce();
        var report = new CellReport(3, [], null, null, 1, 5, 9);
        var line = ResultChannel.Seal(report, nonce);
        Assert.Equal(3, ResultChannel.Open(line, 3, nonce, out var problem)!.Index);
        Assert.Null(problem);
        Assert.Null(ResultChannel.Open(line, 3, ResultChannel.NewNonce(), out problem));
        Assert.Equal("a report whose seal does not match", problem);
        Assert.Null(ResultChannel.Open(line, 4, nonce, out problem));
        Assert.Equal("a report for cell 3 while cell 4 ran", problem);
        Assert.Null(ResultChannel.Open(line.Replace("\"Milliseconds\":5", "\"Milliseconds\":6"), 3, nonce, out problem));
        Assert.Equal("a report whose seal does not match", problem);
    }

    [Fact]
    public void The_grader_names_the_kits_assertion_exception_as_it_is()
    {
        Assert.Equal(Grader.AssertionFailure, typeof(Lectures.Grading.AssertionFailedException).FullName);
    }

    [Fact]
    public void Secret_lines_are_redacted_also_as_they_appear_inside_a_notebook_file()
    {
        const string hidden = """Check(F("quoted") > 0 && true);""";
        var secrets = SecretText.Of(Make(Cell("code", $"Check(F() == 42);\n// BEGIN HIDDEN TESTS\n{hidden}\n// END HIDDEN TESTS", "t", grade: true, points: 1)));
        Assert.Equal("x [hidden] y", secrets.Redact($"x {hidden} y"));
        Assert.Equal("""  "[hidden]\n",""", secrets.Redact("""  "Check(F(\"quoted\") > 0 && true);\n","""));
        Assert.Equal("Check(F() == 42);", secrets.Redact("Check(F() == 42);"));
        Assert.Equal("[hidden]\n[hidden]", secrets.Redact("// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS"));
    }

    [Fact]
    public void Student_names_become_unique_safe_folders_and_colliding_names_are_both_kept()
    {
        var folder = Directory.CreateTempSubdirectory("class-").FullName;
        try
        {
            foreach (var name in new[] { "alice.ipynb", "Alice.ipynb", "gradebook.csv.ipynb", "a:b.ipynb", new string('z', 200) + ".ipynb", "CON.ipynb" })
                File.WriteAllText(Path.Combine(folder, name), "{}");
            Directory.CreateDirectory(Path.Combine(folder, "alice"));
            Directory.CreateDirectory(Path.Combine(folder, ".ipynb_checkpoints"));
            var (students, skipped) = ClassSubmissions.Find(folder, ["test.ipynb"]);
            Assert.Equal([".ipynb_checkpoints (Jupyter's checkpoint folder, not a submission)"], skipped);
            Assert.Equal(["Alice", "CON", "a:b", "alice", "alice.ipynb", "gradebook.csv", new string('z', 200)], students.Select(s => s.Name));
            var folders = students.Select(s => s.Folder).ToList();
            Assert.Equal(folders.Count, folders.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(folders, f => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(f), 1, 100));
            Assert.DoesNotContain("gradebook.csv", folders, StringComparer.OrdinalIgnoreCase);
            Assert.DoesNotContain(folders, f => f.Contains(':') || f.Equals("CON", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(2, students.Count(s => s.Notes.Count == 1));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}

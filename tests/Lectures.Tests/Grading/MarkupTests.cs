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
        var (merged, notes) = SubmissionMerge.Merge(solution, submission);
        Assert.Equal(["var setup = 1;", "// my helper", "int F()\n{\n    // YOUR CODE HERE\n    throw new NotImplementedException();\n}", solution.Cells[2].Source],
            merged.Cells.Select(c => c.Source));
        Assert.Equal(2, GradingMarkup.Of(merged.Cells[3])!.Points);
        Assert.Equal([
            "read-only cell 'setup' was changed in the submission; the instructor's copy was used",
            "answer cell 'answer' is missing from the submission; graded as unanswered",
            "test cell 'test' was changed in the submission; the instructor's copy was used"], notes);
    }

    [Fact]
    public void The_gradebook_quotes_fields_that_need_it()
    {
        var parts = new[] { new PartScore("p1", 1, 2, "passed", null), new PartScore("p2", 0, 3, "failed", "x") };
        var csv = Gradebook.ToCsv([
            new Submission("bob", "a.ipynb", parts, [], null, null),
            new Submission("amy", "a.ipynb", parts.Select(p => p with { Points = 0 }).ToList(), [], "broken, \"badly\"", null)]);
        Assert.Equal(
            "student,a/p1 (2),a/p2 (3),a (5),total,max_total,problems\n" +
            "amy,0,0,0,0,5,\"a.ipynb: broken, \"\"badly\"\"\"\n" +
            "bob,1,0,1,1,5,\n", csv.ReplaceLineEndings("\n"));
    }
}

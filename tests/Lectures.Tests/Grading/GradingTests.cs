using System.Text.Json.Nodes;
using Lectures.Notebooks.Grading;
using Lectures.Notebooks.Nbformat;
using static Lectures.Tests.Grading.GradingRun;

namespace Lectures.Tests.Grading;

/// <summary>The instructor's workflow end to end: assign, then grade submissions good, bad, hanging, cheating and broken.</summary>
[Trait("Category", "Grading")]
[Collection(GradingRunCollection.Name)]
public class GradingTests(GradingRun run)
{
    [Fact]
    public void There_are_at_least_four_assignments_and_each_has_graded_parts()
    {
        Assert.True(Names.Count >= 4, $"expected at least four assignment notebooks, found {Names.Count}");
        foreach (var name in Names)
        {
            var cells = Notebook.Load(Path.Combine(Assignments, name)).Cells;
            Assert.True(cells.Count(c => GradingMarkup.Of(c)?.Role == CellRole.Test) >= 2, $"{name}: expected at least two test cells");
            Assert.True(cells.Count(c => GradingMarkup.Of(c)?.Role == CellRole.Answer) >= 2, $"{name}: expected at least two answer cells");
            Assert.Contains(cells, c => c.Source.Contains("// BEGIN HIDDEN TESTS"));
        }
    }

    [Fact]
    public void Assign_writes_stubs_without_hidden_tests_or_outputs_and_keeps_ids_and_metadata()
    {
        Assert.True(run.AssignExit == 0, run.AssignOutput);
        foreach (var name in Names)
        {
            var solution = Notebook.Load(Path.Combine(Assignments, name));
            var student = Notebook.Load(Path.Combine(run.Release, name));
            Assert.Equal(solution.Cells.Select(c => c.Id), student.Cells.Select(c => c.Id));
            for (var i = 0; i < solution.Cells.Count; i++)
            {
                var (mine, theirs) = (GradingMarkup.Of(solution.Cells[i]), GradingMarkup.Of(student.Cells[i]));
                Assert.Equal(mine?.GradeId, theirs?.GradeId);
                Assert.Equal(mine?.Points, theirs?.Points);
                var source = student.Cells[i].Source;
                Assert.DoesNotContain("SOLUTION", source);
                Assert.DoesNotContain("HIDDEN TESTS", source);
                if (mine?.Role == CellRole.Answer)
                {
                    Assert.Contains("// YOUR CODE HERE", source);
                    Assert.Contains("throw new NotImplementedException();", source);
                }
                else Assert.Equal(solution.Cells[i].Source.Contains("HIDDEN TESTS"), source != solution.Cells[i].Source);
                if (student.Cells[i].CellType == "code") Assert.Empty(student.Cells[i].Outputs);
            }
        }
    }

    [Fact]
    public void The_solutions_score_full_marks()
    {
        Assert.True(run.ClassExit == 0, run.ClassOutput);
        var score = Score(run.ClassGrades, "solution");
        foreach (var name in Names)
        {
            var notebook = NotebookScore(score, name);
            foreach (var part in notebook["parts"]!.AsArray())
                Assert.True(part!["status"]!.GetValue<string>() == "passed", $"{name}/{part["grade_id"]}: {part["message"]}");
            Assert.Equal(notebook["max_total"]!.GetValue<double>(), notebook["total"]!.GetValue<double>());
        }
        Assert.Equal(score["max_total"]!.GetValue<double>(), score["total"]!.GetValue<double>());
    }

    [Fact]
    public void The_untouched_student_versions_score_zero_with_a_message_per_part()
    {
        var score = Score(run.ClassGrades, "student");
        Assert.Equal(0, score["total"]!.GetValue<double>());
        foreach (var name in Names)
            foreach (var part in NotebookScore(score, name)["parts"]!.AsArray())
                Assert.Equal("not answered yet: the answer still throws NotImplementedException", part!["message"]!.GetValue<string>());
    }

    [Fact]
    public void The_class_gradebook_has_a_row_per_student_and_a_column_per_part()
    {
        var lines = File.ReadAllLines(Path.Combine(run.ClassGrades, "gradebook.csv"));
        var parts = Names.Sum(n => Notebook.Load(Path.Combine(Assignments, n)).Cells.Count(c => GradingMarkup.Of(c)?.Role == CellRole.Test));
        Assert.Equal(1 + parts + Names.Count + 3, lines[0].Split(',').Length);
        Assert.StartsWith("solution,", lines[1]);
        Assert.StartsWith("student,", lines[2]);
        Assert.Equal(3, lines.Length);
        var total = Score(run.ClassGrades, "solution")["max_total"]!.GetValue<double>();
        Assert.EndsWith($",{total},{total},", lines[1]);
    }

    [Fact]
    public void One_wrong_part_costs_exactly_its_points()
    {
        var notebook = NotebookScore(Score(run.EditedGrades, "one-wrong"), First);
        Assert.Equal("passed", Part(notebook, "test_rnn_step_forward")["status"]!.GetValue<string>());
        var backward = Part(notebook, "test_rnn_step_backward");
        Assert.Equal(0, backward["points"]!.GetValue<double>());
        Assert.StartsWith("dL/dW: relative error", backward["message"]!.GetValue<string>());
        Assert.Equal(2, notebook["total"]!.GetValue<double>());
    }

    [Fact]
    public void An_endless_loop_is_stopped_by_the_timeout_and_the_other_parts_still_score()
    {
        Assert.True(run.EditedExit == 0, run.EditedOutput);
        var notebook = NotebookScore(Score(run.EditedGrades, "endless"), First);
        var forward = Part(notebook, "test_rnn_step_forward");
        Assert.Equal("timed out", forward["status"]!.GetValue<string>());
        Assert.Equal("The cell did not finish within 10 s and was stopped.", forward["message"]!.GetValue<string>());
        Assert.Equal("passed", Part(notebook, "test_rnn_step_backward")["status"]!.GetValue<string>());
        Assert.Equal(3, notebook["total"]!.GetValue<double>());
    }

    [Fact]
    public void Editing_or_deleting_locked_test_cells_gains_nothing()
    {
        var notebook = NotebookScore(Score(run.EditedGrades, "cheat"), First);
        // The deleted forward test was put back and passes (the forward answer is right) ...
        Assert.Equal("passed", Part(notebook, "test_rnn_step_forward")["status"]!.GetValue<string>());
        // ... and the backward test ran as the instructor wrote it, not as Assert.True(true).
        var backward = Part(notebook, "test_rnn_step_backward");
        Assert.Equal(0, backward["points"]!.GetValue<double>());
        Assert.Equal("not answered yet: the answer still throws NotImplementedException", backward["message"]!.GetValue<string>());
        Assert.Equal(2, notebook["total"]!.GetValue<double>());
        var notes = notebook["notes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("test cell 'test_rnn_step_forward' is missing from the submission; the instructor's copy was used", notes);
        Assert.Contains("test cell 'test_rnn_step_backward' was changed in the submission; the instructor's copy was used", notes);
    }

    [Theory]
    [InlineData("not-json", "not-json.ipynb could not be read as a notebook: not-json.ipynb is not a notebook: invalid JSON at line 1")]
    [InlineData("not-a-notebook", "not-a-notebook.ipynb could not be read as a notebook: not-a-notebook.ipynb is not a notebook this engine reads: expected nbformat 4, found no nbformat field")]
    [InlineData("essay", "essay.txt could not be read as a notebook")]
    public void A_file_that_is_not_a_notebook_scores_zero_with_the_reason_and_the_batch_goes_on(string student, string reason)
    {
        var notebook = NotebookScore(Score(run.EditedGrades, student), First);
        Assert.Equal(0, notebook["total"]!.GetValue<double>());
        Assert.StartsWith(reason, notebook["problem"]!.GetValue<string>());
        Assert.All(notebook["parts"]!.AsArray(), p => Assert.Equal("not run", p!["status"]!.GetValue<string>()));
        var rows = Csv(Path.Combine(run.EditedGrades, "gradebook.csv")).Skip(1).Select(r => r[0]).ToList();
        Assert.Contains(student, rows);
        Assert.Contains("control", rows);   // graded after it, in the same batch
    }

    [Fact]
    public void Feedback_shows_each_part_and_its_reason_but_not_the_hidden_tests()
    {
        var html = File.ReadAllText(Path.Combine(run.EditedGrades, "one-wrong", "feedback.html"));
        Assert.Contains("Feedback for one-wrong", html);
        Assert.Contains("test_rnn_step_backward</td><td>0 / 3</td>", html);
        Assert.Contains("dL/dW: relative error", html);
        Assert.Contains("// (hidden tests)", html);
        Assert.DoesNotContain("NumericalGradient(loss, W2)", html);
        Assert.True(File.Exists(Path.Combine(run.EditedGrades, "one-wrong", First)), "the executed notebook is kept");
    }
}

using System.Text.Json.Nodes;
using Lectures.Tests.Notebooks;
using Lectures.Tests.Support;
using static Lectures.Tests.Grading.GradingRun;
using static Lectures.Tests.Grading.StudentNotebooks;

namespace Lectures.Tests.Grading;

/// <summary>
/// Grades, without a sandbox (as on a machine without bubblewrap), a student whose ten cells each sleep a minute
/// beside a control student, with a 5 s cell timeout and a 40 s budget per notebook; and checks the command line
/// rejects limits that cannot work.
/// </summary>
public sealed class BudgetRun : IDisposable
{
    public BudgetRun()
    {
        var solution = Path.Combine(Assignments, First);
        EngineRun.Engine(["assign", solution, "--out", Release]);
        var release = Path.Combine(Release, First);
        Answered(release, Forward, Backward).SaveTo(Path.Combine(Submissions, "control.ipynb"));
        var sleeper = Answered(release, Forward, Backward);
        for (var i = 0; i < 10; i++) sleeper = sleeper.Add("test_rnn_step_forward", "System.Threading.Thread.Sleep(60_000);");
        sleeper.SaveTo(Path.Combine(Submissions, "sleeper.ipynb"));
        (ExitCode, Output) = Processes.Run("dotnet",
            [Repo.Path("artifacts", "bin", "Lectures.Notebooks", "release", "Lectures.Notebooks.dll"),
             "grade", solution, Submissions, "--out", Grades, "--cell-timeout", "5", "--budget", "40"],
            timeout: TimeSpan.FromMinutes(10), environment: new Dictionary<string, string> { ["LECTURES_BWRAP"] = Path.Combine(Root, "no-bwrap-here") });
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("grading-budget-").FullName;
    public string Release => Path.Combine(Root, "release");
    public string Submissions => Path.Combine(Root, "submissions");
    public string Grades => Path.Combine(Root, "grades");
    public int ExitCode { get; }
    public string Output { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

[Trait("Category", "Grading")]
public class BudgetTests(BudgetRun run) : IClassFixture<BudgetRun>
{
    private JsonObject Notebook(string student) => NotebookScore(Score(run.Grades, student), First);

    [Fact]
    public void Ten_sleeping_cells_stop_at_the_notebooks_budget_and_the_parts_after_it_say_why()
    {
        Assert.True(run.ExitCode == 0, run.Output);
        var sleeper = Notebook("sleeper");
        Assert.InRange(sleeper["seconds"]!.GetValue<double>(), 35, 60);
        Assert.Equal("passed", Part(sleeper, "test_rnn_step_forward")["status"]!.GetValue<string>());
        var backward = Part(sleeper, "test_rnn_step_backward");
        Assert.Equal("not run", backward["status"]!.GetValue<string>());
        Assert.Equal("Not run: the notebook used up its time budget of 40 s before this cell.", backward["message"]!.GetValue<string>());
        Assert.Equal(5, Notebook("control")["total"]!.GetValue<double>());
    }

    [Fact]
    public void Without_a_sandbox_grading_works_and_says_so_once()
    {
        Assert.Equal(5, Notebook("control")["total"]!.GetValue<double>());
        var warnings = run.Output.Split('\n').Count(l => l.StartsWith("WARNING: no sandbox: "));
        Assert.True(warnings == 1, run.Output);
        Assert.Contains("Submissions run with your rights", run.Output);
        Assert.Contains("sudo apt-get install bubblewrap", run.Output);
    }

    [Theory]
    [InlineData("--cell-timeout", "0", "--cell-timeout: expected at least 1 second, got 0")]
    [InlineData("--budget", "2", "--budget: expected at least the cell timeout (60 s), got 2")]
    [InlineData("--memory", "100", "--memory: expected at least 512 MB (the engine and libtorch need about 400), got 100")]
    [InlineData("--jobs", "0", "--jobs: expected at least 1, got 0")]
    public void Limits_that_cannot_work_are_refused_with_the_option_named(string option, string value, string message)
    {
        var (exit, output) = EngineRun.Engine(["grade", Path.Combine(Assignments, First), run.Submissions, "--out", Path.Combine(run.Root, "refused"), option, value]);
        Assert.Equal(2, exit);
        Assert.Contains(message, output);
        Assert.False(Directory.Exists(Path.Combine(run.Root, "refused")));
    }
}

using System.Text.Json.Nodes;
using Lectures.Tests.Support;
using static Lectures.Tests.Grading.GradingRun;

namespace Lectures.Tests.Grading;

/// <summary>What only the sandbox stops (<see cref="IsolationRun"/>): writing outside the submission, outliving it, the network, looking around.</summary>
[Trait("Category", "Grading")]
public class IsolationTests(IsolationRun run) : IClassFixture<IsolationRun>
{
    private string Printed(string student) =>
        string.Concat(Lectures.Notebooks.Nbformat.Notebook.Load(Path.Combine(Folder(run.Grades, student), First)).Cells
            .SelectMany(c => c.CellType == "code" ? c.Outputs.OfType<JsonObject>() : [])
            .Where(o => o["output_type"]!.GetValue<string>() == "stream").Select(o => o["text"]!.GetValue<string>()));

    [SkippableFact]
    public void The_grader_says_it_sandboxes()
    {
        ExternalTool.Bubblewrap.Require();
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Sandbox: bubblewrap.", run.Output);
    }

    [SkippableFact]
    public void Writing_over_results_the_gradebook_or_the_instructors_notebook_changes_nothing_then_or_later()
    {
        ExternalTool.Bubblewrap.Require();
        Assert.Equal(5, Score(run.Grades, "victim")["total"]!.GetValue<double>());
        Assert.Equal(5, Score(run.Grades, "vandal")["total"]!.GetValue<double>());
        Assert.DoesNotContain("pwned", File.ReadAllText(Path.Combine(run.Grades, "gradebook.csv")));
        Assert.Equal(run.SolutionText, File.ReadAllText(run.Solution));
        Assert.DoesNotContain("pwned", File.ReadAllText(Path.Combine(run.Submissions, "victim", First)));
        var printed = Printed("vandal");
        Assert.DoesNotContain("wrote ", printed);
        Assert.Equal(4, printed.Split('\n').Count(l => l.StartsWith("could not write ")));
    }

    [SkippableFact]
    public void There_is_no_network()
    {
        ExternalTool.Bubblewrap.Require();
        Assert.False(run.Connected, "a connection reached the host's loopback from the sandbox");
        Assert.Contains("network: SocketException", Printed("vandal"));
    }

    [SkippableFact]
    public void A_submission_sees_its_own_notebook_and_the_kit_but_no_other_submission_instructor_file_or_output()
    {
        ExternalTool.Bubblewrap.Require();
        var printed = Printed("snoop").Split('\n');
        Assert.Equal($"here: {First}", printed.Single(l => l.StartsWith("here: ")));
        Assert.Equal($"{run.Submissions}: not there", printed.Single(l => l.StartsWith(run.Submissions + ":")));
        Assert.Equal($"{run.Grades}: not there", printed.Single(l => l.StartsWith(run.Grades + ":")));
        // The instructor's folder is the submission's own scratch folder in the sandbox: only the student's notebook is in it.
        Assert.Equal($"{Path.GetDirectoryName(run.Solution)}: {First}", printed.Single(l => l.StartsWith(Path.GetDirectoryName(run.Solution) + ":")));
        var environment = printed.Single(l => l.StartsWith("environment: "));
        Assert.DoesNotContain("JUPYTER", environment);
        Assert.DoesNotContain(" USER", environment);
    }
}

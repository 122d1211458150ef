using Lectures.Tests.Support;

namespace Lectures.Tests.Course;

/// <summary>The rules every notebook follows (notebooks/README.md).</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class EveryNotebookTests(CourseRun course)
{
    public static TheoryData<string> Notebooks => new(CourseRun.Names);

    private static readonly string SetupCell = ExtractSetupCell();

    private static string ExtractSetupCell()
    {
        var readme = File.ReadAllText(Repo.Path("notebooks", "README.md"));
        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)].Trim();
    }

    [Theory, MemberData(nameof(Notebooks))]
    public void Runs_without_error_within_90_seconds(string name)
    {
        Assert.Contains($"{name}: passed", course.Output);
        Assert.InRange(course.Seconds[name], 0, 90);
    }

    [Theory, MemberData(nameof(Notebooks))]
    public void Starts_with_the_setup_cell_is_stored_without_outputs_and_ends_with_exercises(string name)
    {
        var source = Lectures.Notebooks.Nbformat.Notebook.Load(Repo.Path("notebooks", name));
        Assert.Equal(SetupCell, source.Cells.First(c => c.CellType == "code").Source.Trim());
        Assert.All(source.Cells.Where(c => c.CellType == "code"), c => Assert.Empty(c.Outputs));
        Assert.Contains(source.Cells.Where(c => c.CellType == "markdown"), c => c.Source.StartsWith("## Exercises"));
    }
}

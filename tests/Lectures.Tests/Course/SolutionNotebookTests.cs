using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Support;

namespace Lectures.Tests.Course;

/// <summary>
/// The instructor's worked solutions (issue 19): notebooks/solutions/ holds, for every lecture notebook, a notebook of
/// the same name that restates each exercise, solves it in code whose checks fail when the answer's claim is false,
/// and answers it in prose whose every number is printed. The solutions are executed once, like the course.
/// </summary>
[Trait("Category", "Course")]
[Collection(SolutionCollection.Name)]
public class SolutionNotebookTests(SolutionRun solutions)
{
    public static TheoryData<string> Lectures => new(CourseRun.Names);

    public static TheoryData<string> Solutions => new(SolutionRun.Names);

    /// <summary>The first code cell of every instructor notebook below notebooks/ (assignments and solutions alike).</summary>
    private static readonly string InstructorSetupCell =
        Notebook.Load(Repo.Path("notebooks", "assignments", "a1-rnn-step.ipynb")).Cells.First(c => c.CellType == "code").Source.Trim();

    [Theory, MemberData(nameof(Lectures))]
    public void Every_exercise_of_the_lecture_has_a_worked_solution_with_a_check_and_an_answer(string name)
    {
        var path = Path.Combine(SolutionRun.SourceFolder, name);
        Assert.True(File.Exists(path), $"expected the worked solutions of {name} in notebooks/solutions/{name}");
        var exercises = Exercises.Of(Notebook.Load(Repo.Path("notebooks", name)));
        var sections = Sections(Notebook.Load(path).Cells);
        Assert.Equal(exercises.Select(e => Exercises.SolutionHeading(e.Number)), sections.Select(s => s.Heading));
        foreach (var (exercise, section) in exercises.Zip(sections))
        {
            Assert.True(exercise.Text == section.Statement,
                $"{name}, {section.Heading}: expected the lecture's text \"{exercise.Text}\", found \"{section.Statement}\"");
            Assert.True(section.Cells.Any(c => c.CellType == "code" && c.Source.Contains("Assert.", StringComparison.Ordinal)),
                $"{name}, {section.Heading}: expected a code cell that checks the answer with Assert");
            Assert.True(section.Cells.Any(c => c.CellType == "markdown" && c.Source.StartsWith("**Answer.**", StringComparison.Ordinal)),
                $"{name}, {section.Heading}: expected a markdown cell starting \"**Answer.**\"");
        }
    }

    [Fact]
    public void Every_solution_notebook_solves_a_lecture_notebook()
    {
        foreach (var name in SolutionRun.Names)
            Assert.True(CourseRun.Names.Contains(name), $"notebooks/solutions/{name} has no lecture notebook notebooks/{name}");
    }

    [Theory, MemberData(nameof(Solutions))]
    public void Runs_without_error_within_90_seconds(string name)
    {
        Assert.Contains($"{name}: passed", solutions.Output);
        Assert.InRange(solutions.Seconds[name], 0, 90);
    }

    [Theory, MemberData(nameof(Solutions))]
    public void Starts_with_the_instructor_setup_cell_and_is_stored_without_outputs(string name)
    {
        var cells = solutions.Source(name).Cells;
        Assert.Equal(InstructorSetupCell, cells.First(c => c.CellType == "code").Source.Trim());
        Assert.All(cells.Where(c => c.CellType == "code"), c => Assert.Empty(c.Outputs));
    }

    [Theory, MemberData(nameof(Solutions))]
    public void Every_number_in_the_answers_is_printed_by_the_notebook(string name)
    {
        var offending = ProseNumbers.Unprinted(solutions.Source(name).Cells, solutions.Text(name), new HashSet<string>(),
            exempt: source => source.StartsWith("## Exercise ", StringComparison.Ordinal));
        Assert.True(offending.Count == 0,
            $"solutions/{name}: {offending.Count} number(s) in the prose that no output prints:\n" + string.Join("\n", offending));
    }

    private sealed record Section(string Heading, string Statement, IReadOnlyList<NotebookCell> Cells);

    /// <summary>The exercises of a solution notebook: from each "## Exercise k" cell to the next.</summary>
    private static List<Section> Sections(IReadOnlyList<NotebookCell> cells)
    {
        var starts = Enumerable.Range(0, cells.Count)
            .Where(i => cells[i].CellType == "markdown" && cells[i].Source.StartsWith("## Exercise ", StringComparison.Ordinal)).ToList();
        return starts.Select((start, k) =>
        {
            var source = cells[start].Source;
            var lineEnd = source.IndexOf('\n') is var n and >= 0 ? n : source.Length;
            var end = k + 1 < starts.Count ? starts[k + 1] : cells.Count;
            return new Section(source[..lineEnd].Trim(), Exercises.Collapse(source[lineEnd..]), cells.Skip(start + 1).Take(end - start - 1).ToList());
        }).ToList();
    }
}

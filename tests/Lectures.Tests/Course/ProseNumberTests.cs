using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Support;

namespace Lectures.Tests.Course;

/// <summary>
/// Every number a notebook's prose states is printed by one of its cells (issue 18): the rule of
/// <see cref="ProseNumbers"/>, applied to the course run. A failure lists every offending number of the notebook
/// with its cell and context.
/// </summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class ProseNumberTests(CourseRun course)
{
    public static TheoryData<string> Notebooks => new(CourseRun.Names);

    [Theory, MemberData(nameof(Notebooks))]
    public void Every_number_in_the_prose_is_printed_by_the_notebook(string name)
    {
        var allowed = ProseNumbers.Allowed.GetValueOrDefault(name, []).Select(a => a.Number).ToHashSet();
        var offending = ProseNumbers.Unprinted(Notebook.Load(Repo.Path("notebooks", name)).Cells, course.Text(name), allowed,
            exempt: source => source.StartsWith(Exercises.Heading, StringComparison.Ordinal));
        Assert.True(offending.Count == 0,
            $"{name}: {offending.Count} number(s) in the prose that no output prints:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Every_allowed_constant_is_still_quoted_by_its_notebook()
    {
        foreach (var (name, entries) in ProseNumbers.Allowed)
        {
            var prose = Notebook.Load(Repo.Path("notebooks", name)).Cells.Where(c => c.CellType == "markdown")
                .SelectMany(c => ProseNumbers.InProse(c.Source)).Select(n => n.Text).ToHashSet();
            foreach (var (number, source) in entries)
                Assert.True(prose.Contains(number), $"{name}: the allow-list keeps {number} ({source}), but the prose no longer states it");
        }
    }
}

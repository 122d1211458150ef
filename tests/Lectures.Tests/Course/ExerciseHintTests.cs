using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Support;

namespace Lectures.Tests.Course;

/// <summary>Every exercise a lecture notebook ends with gives the student a hint (issue 19); no run needed.</summary>
[Trait("Category", "Course")]
public class ExerciseHintTests
{
    public static TheoryData<string> Notebooks => new(CourseRun.Names);

    [Theory, MemberData(nameof(Notebooks))]
    public void Every_exercise_has_one_hint(string name)
    {
        var exercises = Exercises.Of(Notebook.Load(Repo.Path("notebooks", name)));
        Assert.InRange(exercises.Count, 2, 4);
        Assert.Equal(Enumerable.Range(1, exercises.Count), exercises.Select(e => e.Number));
        foreach (var exercise in exercises)
        {
            Assert.True(exercise.Hints.Count == 1, $"{name}, exercise {exercise.Number}: expected one \"*Hint:*\", found {exercise.Hints.Count}");
            Assert.True(exercise.Hints[0].Length >= 20, $"{name}, exercise {exercise.Number}: the hint \"{exercise.Hints[0]}\" says too little");
        }
    }

    [Fact]
    public void An_exercise_is_its_list_item_up_to_the_hint()
    {
        var exercises = Exercises.Of(Notebook.Parse("""
            {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["## Exercises\n", "\n", "1. Do this\n", "   and that.\n",
              "   *Hint:* use `x`.\n", "2. Then 3. more\n", "   *Hint:* think.\n", "   *Hint:* twice."]}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """));
        Assert.Equal([(1, "Do this and that.", "use `x`."), (2, "Then 3. more", "think.|twice.")],
            exercises.Select(e => (e.Number, e.Text, string.Join("|", e.Hints))));
    }
}

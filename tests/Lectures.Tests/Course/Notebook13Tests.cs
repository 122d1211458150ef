namespace Lectures.Tests.Course;

/// <summary>13: teacher forcing is one parallel pass; free running is worse than teacher forcing (exposure bias); output recurrence cannot hold what the output does not show.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook13Tests(CourseRun course)
{
    private const string Name = "13-teacher-forcing.ipynb";

    [Fact]
    public void Teacher_forcing_in_one_pass_equals_the_step_loop_and_decouples_the_steps()
    {
        Assert.InRange(course.Number(Name, "max |one pass − step loop|:"), 0, 1e-6);
        Assert.Equal(0, course.Number(Name, "largest |∂y_T/∂x_t| for t < T (teacher forced):"));
        Assert.True(course.Number(Name, "largest |∂y_T/∂x_t| for t < T (free running):") > 0);
    }

    [Fact]
    public void The_same_model_is_worse_running_free_than_teacher_forced()
    {
        var forced = course.Number(Name, "error (teacher-forced):");
        var free = course.Number(Name, "error (free-running):");
        Assert.InRange(forced, 0, 0.001);
        Assert.True(free > 10 * forced, $"free-running error {free} should be far above the teacher-forced {forced}");
    }

    [Fact]
    public void Output_recurrence_cannot_echo_two_steps_back_and_hidden_recurrence_can()
    {
        Assert.InRange(course.Number(Name, "echo MSE (output recurrence, teacher forced):"), 0.85, 1.05);
        Assert.Contains("steps whose target is x_(t−2): 28 of 30, so predicting 0 there gives MSE 28/30 = 0.933", course.Text(Name));
        Assert.InRange(course.Number(Name, "echo MSE (output recurrence, teacher forced):") - 28.0 / 30, -0.02, 0.02);
        Assert.InRange(course.Number(Name, "echo MSE (hidden recurrence):"), 0, 0.05);
    }
}

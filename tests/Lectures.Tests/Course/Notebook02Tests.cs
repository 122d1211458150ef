namespace Lectures.Tests.Course;

/// <summary>02: the σ(θh) iteration reaches the lecture's fixed point from any start; the RNN is a chain of shared one-layer nets.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook02Tests(CourseRun course)
{
    private const string Name = "02-dynamical-systems.ipynb";

    [Fact]
    public void Iteration_reaches_the_fixed_point_0_5708_from_every_start()
    {
        Assert.Contains("h_1 = 0.73106\nh_2 = 0.59038", course.Text(Name));   // the lecture's .73 and .59
        Assert.Equal(0.57088, course.Number(Name, "fixed point:"), 5);
        Assert.InRange(course.Number(Name, "largest |h_12 − h*| over all starts:"), 0, 1e-8);
    }

    [Fact]
    public void Distance_shrinks_by_the_slope_at_the_fixed_point()
    {
        var slope = course.Number(Name, "slope at the fixed point:");
        Assert.Equal(0.1225, slope, 4);
        Assert.Equal(slope, course.Number(Name, "measured shrink per step:"), 3);
    }

    [Fact]
    public void Shape_table_and_the_unrolled_chain()
    {
        var text = course.Text(Name);
        Assert.Matches(@"W\s+hidden → hidden\s+4 × 4\s+weight_hh", text);
        Assert.Matches(@"U\s+input → hidden\s+4 × 3\s+weight_ih", text);
        Assert.Matches(@"V\s+hidden → output\s+2 × 4", text);
        Assert.InRange(course.Number(Name, "max |cell − chain|:"), 0, 1e-6);
    }

    [Fact]
    public void Lecture_003s_stacked_weight_is_hidden_by_hidden_plus_input()
    {
        Assert.Contains("θ = 0.5, h_0 = 2", course.Text(Name));
        Assert.Contains("lecture 003's example: [W U] is 3 × 7, W_hy is 4 × 3", course.Text(Name));
    }
}

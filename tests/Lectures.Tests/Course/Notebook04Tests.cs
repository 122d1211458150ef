namespace Lectures.Tests.Course;

/// <summary>04: scale-and-squash lands on the dominant eigenvector (the lecture's numbers); early inputs fade faster for smaller ρ.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook04Tests(CourseRun course)
{
    private const string Name = "04-signal-loss.ipynb";

    [Fact]
    public void Power_iteration_reproduces_the_lecture_and_matches_the_eigen_decomposition()
    {
        var text = course.Text(Name);
        Assert.Contains("h after 10000 steps: [0.12065226, -0.99269483]", text);
        Assert.Contains("dominant eigenvector: [0.12065226, -0.99269483]", text);
        Assert.InRange(course.Number(Name, "smallest |cos| over the starts:"), 1 - 1e-9, 1);
        Assert.InRange(course.Number(Name, "max |VΛ¹⁰V⁻¹ − W¹⁰|:"), 0, 1e-9);
        Assert.Equal(1.598 / 2.584, course.Number(Name, "|λ2| / |λ1|:"), 3);
    }

    [Fact]
    public void The_first_input_fades_faster_the_smaller_the_spectral_radius()
    {
        var small = course.Number(Name, "rho 0.5: influence of x_1 at t=20 relative to t=1:");
        var near = course.Number(Name, "rho 0.9: influence of x_1 at t=20 relative to t=1:");
        var large = course.Number(Name, "rho 1.5: influence of x_1 at t=20 relative to t=1:");
        Assert.True(small < near && near < large && large < 1, $"{small} < {near} < {large} < 1");
        Assert.InRange(small, 0, Math.Pow(0.5, 19));   // tanh's slope ≤ 1 only makes it smaller than ρ^19
    }
}

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
    public void The_angle_to_v1_follows_the_eigen_decomposition_zig_zagging_onto_its_asymptote()
    {
        Assert.InRange(course.Number(Name, "max |measured − exact sin θ_n| over n = 0…30:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "cosine between the eigenvectors v₁ · v₂:"), 0.6, 0.62);   // not orthogonal
        var ratios = System.Text.RegularExpressions.Regex.Match(course.Text(Name), @"measured / straight line, n = 0…9: (?<r>[\d., ]+)")
            .Groups["r"].Value.Split(", ").Select(r => double.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(10, ratios.Length);
        Assert.True(ratios[0] < 0.3, $"h_0 sits far below the asymptote: {ratios[0]}");
        for (var n = 4; n < 9; n++)                                            // λ₂/λ₁ < 0: above and below in turn
            Assert.True((ratios[n] - 1) * (ratios[n + 1] - 1) < 0, $"n = {n}: {ratios[n]}, {ratios[n + 1]}");
        Assert.InRange(course.Number(Name, "measured / straight line, n = 30:"), 0.999, 1.001);
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

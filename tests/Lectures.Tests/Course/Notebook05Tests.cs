namespace Lectures.Tests.Course;

/// <summary>05: every BPTT formula agrees with the manual pass, autograd and finite differences in float64.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook05Tests(CourseRun course)
{
    private const string Name = "05-bptt.ipynb";

    [Fact]
    public void Backprop_review_identities_hold()
    {
        Assert.InRange(course.Number(Name, "max |J − M|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |autograd − formula|:"), 0, 1e-12);
    }

    [Fact]
    public void Two_step_derivation_matches_manual_bptt_autograd_and_finite_differences()
    {
        Assert.InRange(course.Number(Name, "largest |formula − autograd| over the pieces:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "two-step derivation, max relative error:"), 0, 1e-8);
        Assert.Matches(@"dL/dW\s+-0\.447137859\s+-0\.447137859\s+-0\.447137859\s+-0\.447137859", course.Text(Name));
    }

    [Fact]
    public void Sum_over_k_reproduces_each_loss_terms_gradient()
    {
        Assert.InRange(course.Number(Name, "max |Σ_t Σ_k term − dL/dW|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "rows of the sum vs autograd on L_t alone, max relative error:"), 0, 1e-8);
        Assert.True(course.Number(Name, "‖implicit part‖:") > 0.1, "the implicit paths must contribute");
        Assert.True(course.Number(Name, "term k = T:") > 100 * course.Number(Name, "term k = 1:"), "distant steps must contribute less");
    }

    [Fact]
    public void Cross_entropy_output_gradient_and_float64_check()
    {
        Assert.InRange(course.Number(Name, "dE/dV: formula vs manual BPTT, relative error:"), 0, 1e-8);
        Assert.InRange(course.Number(Name, "dE/dV: formula vs autograd, relative error:"), 0, 1e-8);
        Assert.InRange(course.Number(Name, "manual BPTT vs finite differences (float64), max relative error:"), 0, 1e-8);
        Assert.InRange(course.Number(Name, "manual BPTT vs autograd (float64), max relative error:"), 0, 1e-8);
        Assert.True(course.Number(Name, "the same check in float32, max relative error:") > 1e-4, "float32 finite differences are noisy");
    }
}

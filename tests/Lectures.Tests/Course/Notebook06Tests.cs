namespace Lectures.Tests.Course;

/// <summary>06: Jacobian products, ρ against ‖W‖₂ (Gelfand), the (γ‖W‖₂)^{t−k} bound, the three regimes, the gradient cliff, clipping and truncation.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook06Tests(CourseRun course)
{
    private const string Name = "06-vanishing-exploding.ipynb";

    [Fact]
    public void Jacobian_is_the_product_of_step_jacobians_and_matches_autograd()
    {
        Assert.InRange(course.Number(Name, "max |library − product| for ∂h_15/∂h_5:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |library − autograd| for ∂h_15/∂h_5:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |VΛ²⁰V⁻¹ − W²⁰|:"), 0, 1e-8);
    }

    [Fact]
    public void Powers_of_a_non_normal_W_grow_faster_than_the_spectral_radius_says_and_Gelfand_closes_the_gap()
    {
        var rho = course.Number(Name, "spectral radius ρ:");
        var power = course.Number(Name, "‖W²⁰‖₂:");
        Assert.True(power > Math.Pow(rho, 20) * 1.2, $"‖W²⁰‖₂ = {power} against ρ²⁰ = {Math.Pow(rho, 20)}");
        Assert.True(power <= course.Number(Name, "κ(V) = ‖V‖₂‖V⁻¹‖₂:") * Math.Pow(rho, 20));
        Assert.True(course.Number(Name, "‖WWᵀ − WᵀW‖₂:") > 0.1);                       // not normal
        Assert.True(course.Number(Name, "spectral norm ‖W‖₂:") > rho);
        var (at20, at1000) = (course.Number(Name, "‖W^20‖₂^(1/20) ="), course.Number(Name, "‖W^1000‖₂^(1/1000) ="));
        Assert.True(at20 > at1000 && at1000 >= rho && at1000 - rho < 2e-3, $"{at20} > {at1000} ≥ ρ = {rho}");
    }

    [Fact]
    public void Measured_norms_stay_under_the_bound()
    {
        Assert.InRange(course.Number(Name, "Logistic: γ‖W‖₂ ="), 0.7499, 0.7501);
        Assert.InRange(course.Number(Name, "Tanh: γ‖W‖₂ ="), 2.999, 3.001);
        Assert.InRange(course.Number(Name, "largest measured/bound (Logistic):"), 0, 1);
        Assert.InRange(course.Number(Name, "largest measured/bound (Tanh):"), 0, 1);
    }

    [Fact]
    public void Gradient_vanishes_below_one_and_explodes_above()
    {
        Assert.InRange(course.Number(Name, "ρ = 0.9: ‖∂h_60/∂h_0‖ ="), 1e-3, 3e-3);   // 0.9^60 = 1.8e-3
        Assert.InRange(course.Number(Name, "ρ = 1.0: ‖∂h_60/∂h_0‖ ="), 0.95, 1.05);
        Assert.InRange(course.Number(Name, "ρ = 1.1: ‖∂h_60/∂h_0‖ ="), 200, 400);    // 1.1^60 = 304
        Assert.Equal(556, course.Number(Name, "ρ = 0.9 shrinks the gradient"));
        Assert.Equal(304, course.Number(Name, "ρ = 1.1 grows it"));
    }

    [Fact]
    public void The_cliff_has_a_huge_gradient_that_clipping_tames()
    {
        Assert.True(course.Number(Name, "|dL/db| =") > 100 * course.Number(Name, "median |dL/db| over the range:"));
        Assert.True(Math.Abs(course.Number(Name, "step without clipping: Δb =")) > 10);
        Assert.InRange(Math.Abs(course.Number(Name, "step with clipping (v = 1): Δb =")), 0, 0.0100001);
    }

    [Fact]
    public void Training_diverges_without_clipping_and_converges_with_it()
    {
        Assert.Matches(@"no clipping: Stopped at epoch \d+, step \d+: the (loss|gradient norm) became", course.Text(Name));
        var clipped = course.Number(Name, "final training loss (clipped):");
        Assert.True(clipped < course.Number(Name, "last finite loss (no clipping):"));
        Assert.InRange(clipped, 0, 0.1);
        Assert.InRange(course.Number(Name, "final validation loss (clipped):"), 0, 0.1);
    }

    [Fact]
    public void Truncation_error_depends_on_lambda_and_vanishes_with_the_full_window()
    {
        Assert.True(course.Number(Name, "ρ = 0.5, relative error of dL/dW: k2 = 5:") < course.Number(Name, "ρ = 1.0, relative error of dL/dW: k2 = 5:"));
        Assert.Matches(@"ρ = 0\.5, relative error of dL/dW: .* k2 = T: \d\.\de-1\d", course.Text(Name));
        Assert.Matches(@"ρ = 1\.0, relative error of dL/dW: .* k2 = T: \d\.\de-1\d", course.Text(Name));
    }
}

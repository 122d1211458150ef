using Lectures.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Analysis;

/// <summary>Power iteration against the eigen-decomposition, and W^n = V Λ^n V⁻¹ against repeated multiplication.</summary>
[Trait("Category", "Gradients")]
public class EigenAndPowerIterationTests
{
    public EigenAndPowerIterationTests() => torch.set_num_threads(1);

    [Fact]
    public void Lecture_000_demo_converges_to_the_printed_dominant_eigenvector()
    {
        // The slide's Wr ~ N(0, 3) draw, h = [0.3, 0.2], 10000 scale-and-squash steps → [0.12065226, -0.99269483].
        var Wr = tensor(new[,] { { -1.15011703, -0.45383375 }, { -3.68550987, 2.13596934 } });
        var h = PowerIteration.Run(Wr, tensor(new[] { 0.3, 0.2 }), 10000)[-1];
        Assert.Equal(0.12065226, h[0].ToDouble(), 7);
        Assert.Equal(-0.99269483, h[1].ToDouble(), 7);

        var eig = EigenDecomposition.Of(Wr);
        var values = eig.Values.real.data<double>().OrderBy(v => v).ToArray();
        Assert.Equal(-1.5980544, values[0], 6);
        Assert.Equal(2.58390671, values[1], 6);
        Assert.True(eig.HasRealDominantEigenvalue);
        Assert.Equal(1.0, Math.Abs(eig.DominantEigenvector().dot(h).ToDouble()), 12);
    }

    [Fact]
    public void Power_iteration_lines_up_with_the_dominant_eigenvector_from_any_start()
    {
        var checkedCount = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            using var scope = NewDisposeScope();
            manual_seed(seed);
            var W = randn(3, 3, dtype: float64) * 3;
            var eig = EigenDecomposition.Of(W);
            if (!eig.HasRealDominantEigenvalue) continue;
            var moduli = eig.Moduli.sort(descending: true).Values.data<double>().ToArray();
            var steps = (int)Math.Ceiling(Math.Log(1e-13) / Math.Log(moduli[1] / moduli[0]));
            if (steps > 5000) continue;   // nearly tied moduli converge too slowly for a unit test
            var h = PowerIteration.Run(W, randn(3, dtype: float64), steps)[-1];
            Assert.Equal(1.0, Math.Abs(eig.DominantEigenvector().dot(h).ToDouble()), 10);
            checkedCount++;
        }
        Assert.True(checkedCount >= 15, $"only {checkedCount} matrices had a clearly dominant real eigenvalue");
    }

    [Fact]
    public void W_to_the_n_equals_V_Lambda_to_the_n_V_inverse_also_with_complex_eigenvalues()
    {
        var rotation = tensor(new[,] { { 0.6, -0.9 }, { 0.9, 0.6 } });   // eigenvalues 0.6 ± 0.9i
        var rot = EigenDecomposition.Of(rotation);
        Assert.False(rot.HasRealDominantEigenvalue);
        Assert.Throws<InvalidOperationException>(() => rot.DominantEigenvector());
        Assert.Equal(Math.Sqrt(0.6 * 0.6 + 0.9 * 0.9), rot.SpectralRadius, 12);

        foreach (var W in new[] { rotation, RandomMatrix(3), RandomMatrix(7) })
        {
            var eig = EigenDecomposition.Of(W);
            var power = eye(W.shape[0], dtype: float64);
            for (var n = 0; n <= 12; n++)
            {
                Assert.True(Lectures.Bptt.GradientCheck.RelativeError(power, eig.Power(n)) < 1e-10, $"n = {n}, eigenvalues {eig.Describe()}");
                power = power.matmul(W);
            }
        }
    }

    private static Tensor RandomMatrix(int seed)
    {
        manual_seed(seed);
        return randn(4, 4, dtype: float64);
    }
}

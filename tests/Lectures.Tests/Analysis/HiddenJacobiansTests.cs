using Lectures.Analysis;
using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Analysis;

/// <summary>Jacobian products, their norms, the (γλ)^{t−k} bound and the influence of x_1, against autograd.</summary>
[Trait("Category", "Gradients")]
public class HiddenJacobiansTests
{
    public HiddenJacobiansTests() => torch.set_num_threads(1);

    private const long T = 6, n = 3, d = 4;

    private static (Tensor W, Tensor U, Tensor b, Tensor x, Tensor h0) Problem(int seed, double scale)
    {
        manual_seed(seed);
        return (randn(d, d, dtype: float64) * scale / Math.Sqrt(d), randn(d, n, dtype: float64), randn(d, dtype: float64) * 0.1,
                randn(T, n, dtype: float64), randn(d, dtype: float64));
    }

    private static Tensor F(RnnActivation f, Tensor a) =>
        f switch { RnnActivation.Tanh => a.tanh(), RnnActivation.Relu => a.relu(), _ => a.sigmoid() };

    /// <summary>The d×m Jacobian of output (d) with respect to input (m), one autograd row at a time.</summary>
    private static Tensor RowByRow(Tensor output, Tensor input) =>
        stack(Enumerable.Range(0, (int)output.shape[0])
            .Select(i => torch.autograd.grad([output[i]], [input], retain_graph: true, allow_unused: true)[0] ?? zeros_like(input)), 0);

    [Theory]
    [InlineData(RnnActivation.Tanh)]
    [InlineData(RnnActivation.Logistic)]
    [InlineData(RnnActivation.Relu)]
    public void Every_jacobian_and_the_influence_of_x1_equal_autograd(RnnActivation f)
    {
        using var scope = NewDisposeScope();
        var (W, U, b, x, h0) = Problem(1, 2.0);
        var jac = HiddenJacobians.Of(W, U, b, x, h0, f);
        Assert.Equal(new[] { T + 1, T + 1, d, d }, jac.Jacobians.shape);

        using var grad = enable_grad();
        for (var k = 0; k <= T; k++)
        {
            // Restart the recurrence at h_k as a leaf, so autograd sees every later h_t as a function of it.
            var hk = jac.States[k].clone().requires_grad_(true);
            var h = hk;
            for (var t = k; t <= T; t++)
            {
                if (t > k) h = F(f, W.matmul(h) + U.matmul(x[t - 1]) + b);
                var expected = RowByRow(h, hk);
                Assert.True(Lectures.Bptt.GradientCheck.RelativeError(expected, jac.Jacobian(t, k), tiny: 1e-300) < 1e-12, $"∂h_{t}/∂h_{k}");
                Assert.Equal(linalg.svdvals(expected).max().ToDouble(), jac.SpectralNorms[t, k].ToDouble(), 10);
                Assert.Equal(expected.norm().ToDouble(), jac.FrobeniusNorms[t, k].ToDouble(), 10);
            }
            for (var t = 0; t < k; t++)
                Assert.Equal(0.0, jac.Jacobians[t, k].abs().max().ToDouble());
        }

        var xLeaf = x.clone().requires_grad_(true);
        var state = h0;
        for (var t = 1; t <= T; t++)
        {
            state = F(f, W.matmul(state) + U.matmul(xLeaf[t - 1]) + b);
            var dht_dx1 = RowByRow(state, xLeaf)[TensorIndex.Colon, 0];
            Assert.Equal(linalg.svdvals(dht_dx1).max().ToDouble(), jac.InputInfluence[t - 1].ToDouble(), 10);
        }
    }

    [Theory]
    [InlineData(RnnActivation.Tanh, 0.5)]
    [InlineData(RnnActivation.Tanh, 3.0)]
    [InlineData(RnnActivation.Logistic, 1.0)]
    [InlineData(RnnActivation.Logistic, 8.0)]
    [InlineData(RnnActivation.Relu, 1.5)]
    public void The_bound_gamma_lambda_to_the_t_minus_k_is_never_exceeded(RnnActivation f, double scale)
    {
        for (var seed = 1; seed <= 10; seed++)
        {
            using var scope = NewDisposeScope();
            var (W, U, b, x, h0) = Problem(seed, scale);
            var jac = HiddenJacobians.Of(W, U, b, x, h0, f);
            Assert.Equal(f == RnnActivation.Logistic ? 0.25 : 1.0, jac.Gamma);
            Assert.Equal(linalg.matrix_norm(W, 2).ToDouble(), jac.Lambda, 12);
            for (var t = 0; t <= T; t++)
                for (var k = 0; k <= t; k++)
                {
                    Assert.Equal(Math.Pow(jac.Gamma * jac.Lambda, t - k), jac.Bounds[t, k].ToDouble(), 12);
                    Assert.True(jac.SpectralNorms[t, k].ToDouble() <= jac.Bounds[t, k].ToDouble() * (1 + 1e-12),
                        $"seed {seed}: ‖∂h_{t}/∂h_{k}‖ = {jac.SpectralNorms[t, k].ToDouble()} > {jac.Bounds[t, k].ToDouble()}");
                }
        }
    }

    [Fact]
    public void A_sequence_that_is_not_one_row_per_step_is_rejected()
    {
        var (W, U, b, x, h0) = Problem(1, 1.0);
        var e = Assert.Throws<ArgumentException>(() => HiddenJacobians.Of(W, U, b, x.unsqueeze(1), h0, RnnActivation.Tanh));
        Assert.Contains("x: expected 2 dimensions", e.Message);
    }
}

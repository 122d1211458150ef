using Lectures.Bptt;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Bptt;

[Trait("Category", "Gradients")]
public class TwoStepDerivationTests
{
    public TwoStepDerivationTests() => torch.set_num_threads(1);

    private static double Grad(Tensor output, Tensor input)
    {
        var g = torch.autograd.grad([output], [input], retain_graph: true)[0];
        return g.ToDouble();
    }

    [Fact]
    public void Every_partial_derivative_and_the_gradient_equal_autograd_and_finite_differences()
    {
        var r = new Random(5);
        for (var trial = 0; trial < 20; trial++)
        {
            using var scope = NewDisposeScope();
            var v = Enumerable.Range(0, 10).Select(_ => r.NextDouble() * 2 - 1).ToArray();
            var d = new TwoStepDerivation(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);

            using var grad = enable_grad();
            var (W, U, b, V, c) = (S(v[0]), S(v[1]), S(v[2]), S(v[3]), S(v[4]));
            var (h0, X1, X2, z1, z2) = (tensor(v[5]), tensor(v[6]), tensor(v[7]), tensor(v[8]), tensor(v[9]));
            var h1 = (W * h0 + U * X1 + b).tanh();
            var Y1 = V * h1 + c;
            // A detached copy of h1 feeds step 2 too, so autograd gives the explicit parts ∂h2/∂W etc. and ∂h2/∂h1.
            var h1Leaf = h1.detach().requires_grad_(true);
            var h2 = (W * h1Leaf + U * X2 + b).tanh();
            var h2Full = (W * h1 + U * X2 + b).tanh();
            var Y2 = V * h2Full + c;
            var L1 = 0.5 * (Y1 - z1).pow(2);
            var L2 = 0.5 * (Y2 - z2).pow(2);
            var L = L1 + L2;

            Assert.Equal(L.ToDouble(), d.L, 14);
            Near(Grad(L1, h1), d.dL1_dh1);
            Near(Grad(L2, h2Full), d.dL2_dh2);
            Near(Grad(L2, h1), d.dL2_dh1);
            Near(Grad(h1, W), d.dh1_dW);
            Near(Grad(h1, U), d.dh1_dU);
            Near(Grad(h1, b), d.dh1_db);
            Near(Grad(h2, W), d.dh2_dW);
            Near(Grad(h2, U), d.dh2_dU);
            Near(Grad(h2, b), d.dh2_db);
            Near(Grad(h2, h1Leaf), d.dh2_dh1);
            Near(Grad(L, W), d.dL_dW);
            Near(Grad(L, V), d.dL_dV);
            Near(Grad(L, U), d.dL_dU);
            Near(Grad(L, b), d.dL_db);
            Near(Grad(L, c), d.dL_dc);

            // Finite differences on the scalar function, through the generic checker.
            var p = v.Take(5).Select(x => tensor(new[] { x })).ToArray();
            Tensor Loss() => tensor(new TwoStepDerivation(p[0].ToDouble(), p[1].ToDouble(), p[2].ToDouble(), p[3].ToDouble(), p[4].ToDouble(),
                v[5], v[6], v[7], v[8], v[9]).L);
            var expected = new[] { d.dL_dW, d.dL_dU, d.dL_db, d.dL_dV, d.dL_dc };
            for (var i = 0; i < 5; i++)
                Assert.True(GradientCheck.RelativeError(GradientCheck.NumericalGradient(Loss, p[i]), tensor(new[] { expected[i] })) < 1e-6, $"parameter {i}");
        }
    }

    private static Tensor S(double value) => tensor(value, dtype: float64).requires_grad_(true);

    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
}

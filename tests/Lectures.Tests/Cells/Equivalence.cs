using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Cells;

/// <summary>
/// Runs our module and TorchSharp's on the same weights and input, then compares the outputs and every
/// gradient (each parameter's, and the input's) of the same random weighted sum of the outputs.
/// </summary>
internal static class Equivalence
{
    public static double Tolerance(ScalarType dtype) => dtype == ScalarType.Float64 ? 1e-10 : 1e-5;

    /// <summary>Copies weights theirs → ours on even seeds and ours → theirs on odd ones, so both directions are tested.</summary>
    public static void CopyWeights(nn.Module theirs, nn.Module ours, int seed)
    {
        if (seed % 2 == 0) ours.load_state_dict(theirs.state_dict());
        else theirs.load_state_dict(ours.state_dict());
    }

    /// <summary>
    /// Compares run(theirs, x) with run(ours, x) tensor by tensor, then the gradients of Σ_k ⟨w_k, out_k⟩ with
    /// respect to every parameter (matched by name) and to x.
    /// </summary>
    public static void AssertSame(nn.Module theirs, nn.Module ours, Tensor x,
        Func<nn.Module, Tensor, Tensor[]> runTheirs, Func<nn.Module, Tensor, Tensor[]> runOurs, string label)
    {
        var tol = Tolerance(x.dtype);
        var xa = x.detach().clone().requires_grad_(true);
        var xb = x.detach().clone().requires_grad_(true);
        var expected = runTheirs(theirs, xa);
        var actual = runOurs(ours, xb);
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].shape, actual[k].shape);
            AssertClose(expected[k], actual[k], tol, $"{label}: output {k}");
        }

        var weights = expected.Select(e => randn_like(e)).ToArray();
        Weighted(expected, weights).backward();
        Weighted(actual, weights).backward();
        var theirParameters = theirs.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var ourParameters = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(theirParameters.Keys.Order(), ourParameters.Keys.Order());
        foreach (var (name, p) in theirParameters)
        {
            Assert.True(p.grad is not null && ourParameters[name].grad is not null, $"{label}: {name} has no gradient");
            AssertClose(p.grad!, ourParameters[name].grad!, tol, $"{label}: gradient of {name}");
        }
        AssertClose(xa.grad!, xb.grad!, tol, $"{label}: gradient of the input");
    }

    public static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var diff = expected.numel() == 0 ? 0 : (expected - actual).abs().max().ToDouble();
        Assert.True(diff < tolerance, $"{what}: max |difference| = {diff:E2}, expected below {tolerance:E0}");
    }

    private static Tensor Weighted(Tensor[] outputs, Tensor[] weights) =>
        outputs.Zip(weights, (o, w) => (o * w).sum()).Aggregate((a, b) => a + b);
}

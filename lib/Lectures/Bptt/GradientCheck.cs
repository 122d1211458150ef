using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// Gradient checking as in the cs231n assignments: centered finite differences in float64 on any function of
/// tensors, and the relative error between two gradients.
/// </summary>
public static class GradientCheck
{
    /// <summary>
    /// dL/dθ by centered differences, (L(θ + h eᵢ) − L(θ − h eᵢ)) / 2h for every entry i of <paramref name="parameter"/>.
    /// The entry is changed in place and restored, so <paramref name="loss"/> must read this very tensor.
    /// The error is O(h²) plus rounding of order ε·|L|/h: in float64 (ε ≈ 1e-16) with h = 1e-5, cs231n's choice, that
    /// is about 1e-10. Float32 parameters are accepted (θ ± h is rounded to float32, the quotient taken in float64), but
    /// with ε ≈ 6e-8 the rounding term dominates: a float32 check says little about the gradient.
    /// </summary>
    /// <returns>The gradient in float64, shaped like the parameter.</returns>
    public static Tensor NumericalGradient(Func<Tensor> loss, Tensor parameter, double h = 1e-5)
    {
        if (parameter.dtype is not (ScalarType.Float64 or ScalarType.Float32))
            throw new ArgumentException($"parameter: expected Float64 (or Float32) for finite differences, got {parameter.dtype}", nameof(parameter));
        if (!parameter.is_contiguous())
            throw new ArgumentException("parameter: expected a contiguous tensor (it is changed in place through a flat view)", nameof(parameter));
        using var noGrad = no_grad();
        var flat = parameter.view(-1);
        var grad = zeros(flat.shape[0], dtype: ScalarType.Float64);
        for (long i = 0; i < flat.shape[0]; i++)
        {
            using var step = NewDisposeScope();   // each evaluation's tensors are freed at once, not by the GC
            var old = flat[i].ToDouble();
            flat[i] = old + h;
            var plus = loss().ToDouble();
            flat[i] = old - h;
            var minus = loss().ToDouble();
            flat[i] = old;
            grad[i] = (plus - minus) / (2 * h);
        }
        return grad.view(parameter.shape);
    }

    /// <summary><see cref="NumericalGradient"/> for each named tensor, e.g. <c>p.Named()</c> of a parameter record.</summary>
    public static IReadOnlyDictionary<string, Tensor> NumericalGradients(Func<Tensor> loss, IReadOnlyDictionary<string, Tensor> parameters, double h = 1e-5) =>
        parameters.ToDictionary(kv => kv.Key, kv => NumericalGradient(loss, kv.Value, h));

    /// <summary>
    /// max|a − b| / max(max(|a| + |b|), tiny): cs231n's relative error with both maxima taken over the whole tensor,
    /// so entries that are zero up to rounding do not dominate. 0 means equal; ~1e-7 is typical for finite differences.
    /// </summary>
    public static double RelativeError(Tensor a, Tensor b, double tiny = 1e-8)
    {
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"expected equal shapes, got {Checks.Shape(a)} and {Checks.Shape(b)}");
        using var scope = NewDisposeScope();
        var a64 = a.to_type(ScalarType.Float64);
        var b64 = b.to_type(ScalarType.Float64);
        var diff = (a64 - b64).abs().max().ToDouble();
        var size = (a64.abs() + b64.abs()).max().ToDouble();
        return diff / Math.Max(size, tiny);
    }

    /// <summary>
    /// Compares two sets of gradients parameter by parameter (every name in <paramref name="expected"/> must be in
    /// <paramref name="actual"/>); print the report as a table.
    /// </summary>
    public static GradientCheckReport Compare(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        var rows = new List<GradientCheckRow>();
        foreach (var (name, e) in expected)
        {
            if (!actual.TryGetValue(name, out var a))
                throw new ArgumentException($"actual: expected a gradient named '{name}', got only {string.Join(", ", actual.Keys)}", nameof(actual));
            using var scope = NewDisposeScope();
            var maxAbs = e.abs().max().to_type(ScalarType.Float64).ToDouble();
            var maxDiff = (e.to_type(ScalarType.Float64) - a.to_type(ScalarType.Float64)).abs().max().ToDouble();
            rows.Add(new GradientCheckRow(name, e.shape, maxAbs, maxDiff, RelativeError(e, a)));
        }
        return new GradientCheckReport(rows);
    }
}

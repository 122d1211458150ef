using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Training;

/// <summary>
/// Gradient clipping, the remedy for the gradient cliff: rescale the whole gradient when its norm exceeds a
/// threshold v (if ‖g‖ &gt; v then g ← g·v/‖g‖), or clamp each component to [−v, v]. Both return the norm
/// before clipping so training curves can show how often the cliff was hit.
/// </summary>
public static class GradientClipping
{
    /// <summary>
    /// The global gradient norm ‖g‖ = sqrt(Σ_parameters Σ g²) over all parameters that have a gradient,
    /// accumulated in float64.
    /// </summary>
    /// <param name="parameters">Usually <c>model.parameters()</c>, after <c>loss.backward()</c>.</param>
    /// <example><code>double norm = GradientClipping.GlobalNorm(model.parameters());</code></example>
    public static double GlobalNorm(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var scope = torch.NewDisposeScope();
        var sumOfSquares = 0.0;
        foreach (var g in Gradients(parameters))
            sumOfSquares += g.detach().to_type(ScalarType.Float64).square().sum().item<double>();
        return Math.Sqrt(sumOfSquares);
    }

    /// <summary>
    /// Clips by global norm: if ‖g‖ &gt; <paramref name="maxNorm"/>, every gradient is multiplied by
    /// maxNorm/‖g‖, so the direction is kept and the step length capped. Returns ‖g‖ before clipping.
    /// </summary>
    /// <param name="parameters">The parameters whose gradients are clipped in place.</param>
    /// <param name="maxNorm">The threshold v, above 0.</param>
    /// <example>
    /// <code>
    /// loss.backward();
    /// double normBefore = GradientClipping.ClipByNorm(model.parameters(), maxNorm: 1.0);
    /// optimizer.step();
    /// </code>
    /// </example>
    public static double ClipByNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        if (!(maxNorm > 0) || double.IsInfinity(maxNorm))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The clipping threshold must be a finite number above 0.");
        var list = parameters.ToList();
        var norm = GlobalNorm(list);
        if (norm > maxNorm)
        {
            using var noGrad = torch.no_grad();
            foreach (var g in Gradients(list)) g.mul_(maxNorm / norm);
        }
        return norm;
    }

    /// <summary>
    /// Clips by value: every gradient component is clamped to [−<paramref name="maxValue"/>, maxValue], which
    /// can change the gradient's direction. Returns the global norm before clipping.
    /// </summary>
    /// <param name="parameters">The parameters whose gradients are clipped in place.</param>
    /// <param name="maxValue">The bound, above 0.</param>
    /// <example><code>double normBefore = GradientClipping.ClipByValue(model.parameters(), maxValue: 0.5);</code></example>
    public static double ClipByValue(IEnumerable<Tensor> parameters, double maxValue)
    {
        if (!(maxValue > 0) || double.IsInfinity(maxValue))
            throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, "The clipping bound must be a finite number above 0.");
        var list = parameters.ToList();
        var norm = GlobalNorm(list);
        using var noGrad = torch.no_grad();
        foreach (var g in Gradients(list)) g.clamp_(-maxValue, maxValue);
        return norm;
    }

    private static IEnumerable<Tensor> Gradients(IEnumerable<Tensor> parameters) =>
        parameters.Select(p => p.grad).Where(g => g is not null).Select(g => g!);
}

namespace Lectures.Training;

/// <summary>How the training loop clips gradients: not at all, by global norm, or by value.</summary>
public sealed class Clipping
{
    private Clipping(double? maxNorm, double? maxValue)
    {
        MaxNorm = maxNorm;
        MaxValue = maxValue;
    }

    /// <summary>No clipping; the loop still records the gradient norm.</summary>
    public static Clipping None { get; } = new(null, null);

    /// <summary>Rescale the gradient when its global norm exceeds <paramref name="maxNorm"/>.</summary>
    /// <param name="maxNorm">The threshold v.</param>
    /// <example><code>var options = new TrainingOptions { Clipping = Clipping.ByNorm(1.0) };</code></example>
    public static Clipping ByNorm(double maxNorm)
    {
        if (!(maxNorm > 0) || double.IsInfinity(maxNorm))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The clipping threshold must be a finite number above 0.");
        return new(maxNorm, null);
    }

    /// <summary>Clamp every gradient component to [−<paramref name="maxValue"/>, maxValue].</summary>
    /// <param name="maxValue">The bound.</param>
    /// <example><code>var options = new TrainingOptions { Clipping = Clipping.ByValue(0.5) };</code></example>
    public static Clipping ByValue(double maxValue)
    {
        if (!(maxValue > 0) || double.IsInfinity(maxValue))
            throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, "The clipping bound must be a finite number above 0.");
        return new(null, maxValue);
    }

    /// <summary>The norm threshold, when clipping by norm.</summary>
    public double? MaxNorm { get; }

    /// <summary>The value bound, when clipping by value.</summary>
    public double? MaxValue { get; }

    /// <summary>Clips the gradients in place and returns their global norm before clipping.</summary>
    internal double Apply(IReadOnlyList<TorchSharp.torch.Tensor> parameters) =>
        MaxNorm is double v ? GradientClipping.ClipByNorm(parameters, v)
        : MaxValue is double c ? GradientClipping.ClipByValue(parameters, c)
        : GradientClipping.GlobalNorm(parameters);

    /// <summary>A short description, e.g. "clip norm 1".</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        MaxNorm is double v ? $"clip norm {v:G4}" : MaxValue is double c ? $"clip value {c:G4}" : "no clipping";
}

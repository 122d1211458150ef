namespace Lectures.Charts;

/// <summary>Which recorded metric a training-curve chart shows.</summary>
public enum Metric
{
    /// <summary>The loss (training solid, validation dashed).</summary>
    Loss,

    /// <summary>The accuracy.</summary>
    Accuracy,

    /// <summary>exp(loss), for language models.</summary>
    Perplexity,

    /// <summary>The global gradient norm before clipping (per-epoch mean, or per step).</summary>
    GradientNorm,
}

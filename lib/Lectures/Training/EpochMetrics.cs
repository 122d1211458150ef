namespace Lectures.Training;

/// <summary>The metrics of one epoch: losses, accuracies and perplexities on training and validation data,
/// the gradient norm before clipping, and the time so far.</summary>
/// <param name="Epoch">1 for the first epoch.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's steps (weighted by each step's count when given).</param>
/// <param name="TrainAccuracy">Training accuracy, when the step function reports counts.</param>
/// <param name="ValidationLoss">Validation loss after the epoch, when validation data was given.</param>
/// <param name="ValidationAccuracy">Validation accuracy, when validating and the step function reports counts.</param>
/// <param name="MeanGradientNorm">Mean global gradient norm before clipping over the epoch's steps.</param>
/// <param name="MaxGradientNorm">Largest global gradient norm before clipping in the epoch.</param>
/// <param name="Elapsed">Wall-clock time since training started, at the end of this epoch.</param>
/// <example>
/// <code>
/// var last = history.Last!;
/// Console.WriteLine($"epoch {last.Epoch}: loss {last.TrainLoss:F3}, validation perplexity {last.ValidationPerplexity:F2}");
/// </code>
/// </example>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double? TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double MeanGradientNorm,
    double MaxGradientNorm,
    TimeSpan Elapsed)
{
    /// <summary>exp(training loss): the perplexity, meaningful when the loss is a mean cross-entropy in nats.</summary>
    public double TrainPerplexity => Math.Exp(TrainLoss);

    /// <summary>exp(validation loss), when validating.</summary>
    public double? ValidationPerplexity => ValidationLoss is double loss ? Math.Exp(loss) : null;
}

using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Training;

/// <summary>
/// What a training step function returns for one batch: the loss to minimise and, for classifiers, how many
/// predictions were right out of how many (so the loop can report accuracy).
/// </summary>
/// <param name="Loss">A scalar loss tensor, connected to the model's parameters.</param>
/// <param name="Correct">Number of correct predictions in the batch (0 when not classifying).</param>
/// <param name="Count">Number of predictions scored (0 when not classifying; then no accuracy is reported).</param>
/// <example>
/// <code>
/// return new StepResult(nn.functional.mse_loss(prediction, batch.Targets));            // regression
/// return new StepResult(loss, Correct: rightCount, Count: batch.Count);              // classification
/// </code>
/// </example>
public sealed record StepResult(Tensor Loss, long Correct = 0, long Count = 0)
{
    /// <summary>
    /// A regularisation term minimised with the loss but not reported with it, e.g. activation regularisation:
    /// the trainer back-propagates <see cref="Loss"/> + <see cref="Penalty"/> and records only <see cref="Loss"/>,
    /// so runs with and without the term keep comparable loss curves (as AWD-LSTM reports its raw loss). A scalar,
    /// or <c>null</c> for none.
    /// </summary>
    /// <example><code>return StepResult.FromLogits(logits, batch.Targets) with { Penalty = 2 * h.pow(2).mean() };</code></example>
    public Tensor? Penalty { get; init; }

    /// <summary>
    /// The usual classification step: mean cross-entropy of <paramref name="logits"/> against
    /// <paramref name="targets"/>, and the argmax accuracy counts, both over the positions where
    /// <paramref name="mask"/> is true (all positions without a mask). Works for one label per sequence
    /// ([B, C] and [B]) and one per step ([B, T, C] and [B, T], with the padding mask).
    /// </summary>
    /// <param name="logits">Scores [..., C].</param>
    /// <param name="targets">Class indices [...], int64.</param>
    /// <param name="mask">Which positions count, bool [...], e.g. <c>batch.Mask</c>; <c>null</c> for all.</param>
    /// <returns>The loss and the counts.</returns>
    /// <example>
    /// <code>
    /// Trainer.Fit(model, train, validation, batch => StepResult.FromLogits(model.call(batch.Inputs), batch.Targets, batch.Mask));
    /// </code>
    /// </example>
    public static StepResult FromLogits(Tensor logits, Tensor targets, Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (logits.dim() != targets.dim() + 1 || !logits.shape[..^1].SequenceEqual(targets.shape))
            throw new ArgumentException(
                $"Expected logits [..., C] and targets [...] with the same leading shape; got logits {Checks.Shape(logits)} and targets {Checks.Shape(targets)}.");
        if (targets.dtype != ScalarType.Int64)
            throw new ArgumentException($"Targets must be int64 class indices, got {targets.dtype}.", nameof(targets));
        if (mask is not null && (mask.dtype != ScalarType.Bool || !mask.shape.SequenceEqual(targets.shape)))
            throw new ArgumentException($"The mask must be bool {Checks.Shape(targets)} like the targets; got {mask.dtype} {Checks.Shape(mask)}.", nameof(mask));
        var scores = logits.reshape(-1, logits.shape[^1]);
        var labels = targets.reshape(-1);
        if (mask is not null)
        {
            var kept = mask.reshape(-1).nonzero().squeeze(1);
            (scores, labels) = (scores.index_select(0, kept), labels.index_select(0, kept));
        }
        var loss = nn.functional.cross_entropy(scores, labels);
        var correct = (scores.argmax(1) == labels).sum().item<long>();
        return new StepResult(loss, correct, labels.shape[0]);
    }

}

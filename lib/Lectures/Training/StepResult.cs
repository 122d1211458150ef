using static TorchSharp.torch;

namespace Lectures.Training;

/// <summary>
/// What a training step function returns for one batch: the loss to minimise and, for classifiers, how many
/// predictions were right out of how many (so the loop can report accuracy).
/// </summary>
/// <param name="Loss">A scalar loss tensor, connected to the model's parameters.</param>
/// <param name="Correct">Number of correct predictions in the batch (0 when not classifying).</param>
/// <param name="Count">Number of predictions scored (0 when not classifying; then no accuracy is reported).</param>
public sealed record StepResult(Tensor Loss, long Correct = 0, long Count = 0);

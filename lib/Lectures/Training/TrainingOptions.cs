using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Training;

/// <summary>Settings of a training run; every one has a default, so set only what differs.</summary>
/// <example>
/// <code>
/// var options = new TrainingOptions { Epochs = 20, LearningRate = 0.01, Clipping = Clipping.ByNorm(1), Label = "LSTM" };
/// </code>
/// </example>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per mini-batch (ignored by <see cref="Trainer.FitStream"/>, whose batch is its streams).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Learning rate of the default optimizer, Adam.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Makes the optimizer from the model's parameters; <c>null</c> for Adam with <see cref="LearningRate"/>.</summary>
    public Func<IEnumerable<Parameter>, optim.Optimizer>? Optimizer { get; init; }

    /// <summary>Gradient clipping applied after each backward pass.</summary>
    public Clipping Clipping { get; init; } = Clipping.None;

    /// <summary>Name of the run in progress displays, histories and chart legends.</summary>
    public string Label { get; init; } = "training";

    /// <summary>Show a progress bar (notebook) or line (console).</summary>
    public bool ShowProgress { get; init; } = true;

    /// <summary>Seed of the batch shuffling; without it, one is drawn from the generator seeded by <see cref="Kit.Seed"/>.</summary>
    public int? ShuffleSeed { get; init; }

    internal void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Training needs at least 1 epoch.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be at least 1.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be a finite number above 0.");
        ArgumentNullException.ThrowIfNull(Clipping);
    }
}

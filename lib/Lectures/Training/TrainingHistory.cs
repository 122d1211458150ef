namespace Lectures.Training;

/// <summary>
/// Everything a training run recorded: per-epoch metrics, the loss and gradient norm of every step, and why it
/// stopped early, if it did. Charts take histories directly (several runs on one chart).
/// </summary>
public sealed class TrainingHistory
{
    internal TrainingHistory(string label) => Label = label;

    /// <summary>The run's name, from <see cref="TrainingOptions.Label"/>.</summary>
    public string Label { get; }

    /// <summary>One entry per completed epoch.</summary>
    public List<EpochMetrics> Epochs { get; } = [];

    /// <summary>The training loss of every optimisation step.</summary>
    public List<double> StepLosses { get; } = [];

    /// <summary>The global gradient norm before clipping of every optimisation step.</summary>
    public List<double> StepGradientNorms { get; } = [];

    /// <summary>True when training stopped because the loss or gradient stopped being finite.</summary>
    public bool StoppedEarly => StopMessage is not null;

    /// <summary>Why training stopped early, with a suggestion; <c>null</c> when it ran to the end.</summary>
    public string? StopMessage { get; internal set; }

    /// <summary>The last epoch's metrics, or <c>null</c> if not even one epoch completed.</summary>
    public EpochMetrics? Last => Epochs.Count > 0 ? Epochs[^1] : null;

    /// <summary>A one-line summary, e.g. "LSTM: 10 epochs, train loss 0.123, validation loss 0.145".</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        $"{Label}: {Epochs.Count} epochs{(Last is { } m ? ", " + Progress.Describe(m) : "")}{(StopMessage is null ? "" : " — " + StopMessage)}";
}

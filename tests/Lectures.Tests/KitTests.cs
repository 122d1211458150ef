using Lectures.Data;
using Lectures.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests;

[Trait("Category", "Toolkit")]
public class KitTests : Lectures.Tests.Training.SingleThreaded
{
    /// <summary>Everything drawn after the seed: weights, data, shuffling, dropout.</summary>
    private static TrainingHistory SeededRun(int seed)
    {
        Kit.Seed(seed);
        var data = AddingProblem.Generate(64, length: 5);
        var (train, validation) = data.Split(0.25);
        using var gru = nn.GRU(2, 8, batchFirst: true);
        using var dropout = nn.Dropout(0.2);
        using var head = nn.Linear(8, 1);
        using var model = nn.Sequential(("dropout", dropout), ("head", head));
        return Trainer.Fit(new Lectures.Tests.Training.Parts(gru, model), train, validation, batch =>
        {
            var (output, _) = gru.call(batch.Inputs);
            return new StepResult(nn.functional.mse_loss(model.call(output[.., -1]), batch.Targets));
        }, new TrainingOptions { Epochs = 3, BatchSize = 16, LearningRate = 0.01, ShowProgress = false });
    }

    [Fact]
    public void The_same_seed_gives_the_same_metrics_history()
    {
        var first = SeededRun(42);
        var second = SeededRun(42);
        var other = SeededRun(43);

        Assert.Equal(first.StepLosses, second.StepLosses);
        Assert.Equal(first.StepGradientNorms, second.StepGradientNorms);
        Assert.Equal(first.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss)), second.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss)));
        Assert.NotEqual(first.StepLosses, other.StepLosses);
    }

    [Fact]
    public void Use_display_rejects_null()
    {
        Assert.Throws<ArgumentNullException>(() => Kit.UseDisplay(null!));
    }
}

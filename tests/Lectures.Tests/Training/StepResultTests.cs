using Lectures.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Training;

[Trait("Category", "Toolkit")]
public class StepResultTests
{
    [Fact]
    public void From_logits_scores_only_the_masked_positions()
    {
        torch.manual_seed(0);
        var logits = torch.randn(2, 3, 4);
        var targets = torch.tensor(new long[,] { { 1, 2, 0 }, { 3, 0, 0 } });
        var mask = torch.tensor(new[,] { { true, true, true }, { true, false, false } });

        var result = StepResult.FromLogits(logits, targets, mask);

        var real = new[] { (0, 0), (0, 1), (0, 2), (1, 0) };
        var expectedLoss = real.Average(p => -logits[p.Item1, p.Item2].log_softmax(0)[targets[p.Item1, p.Item2]].item<float>());
        var expectedCorrect = real.Count(p => logits[p.Item1, p.Item2].argmax().item<long>() == targets[p.Item1, p.Item2].item<long>());
        Assert.Equal(expectedLoss, result.Loss.item<float>(), 5);
        Assert.Equal(expectedCorrect, result.Correct);
        Assert.Equal(4, result.Count);
    }

    [Fact]
    public void From_logits_explains_shape_and_dtype_mistakes()
    {
        var shape = Assert.Throws<ArgumentException>(() => StepResult.FromLogits(torch.zeros(2, 3), torch.zeros(3, dtype: ScalarType.Int64)));
        Assert.Contains("got logits [2, 3] and targets [3]", shape.Message);
        var dtype = Assert.Throws<ArgumentException>(() => StepResult.FromLogits(torch.zeros(2, 3), torch.zeros(2)));
        Assert.Contains("int64", dtype.Message);
        var mask = Assert.Throws<ArgumentException>(() =>
            StepResult.FromLogits(torch.zeros(2, 3), torch.zeros(2, dtype: ScalarType.Int64), torch.ones(2)));
        Assert.Contains("bool [2]", mask.Message);
    }
}

using Lectures.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Training;

[Trait("Category", "Toolkit")]
public class GradientClippingTests
{
    private static (nn.Module Model, nn.Module Copy) TwoModelsWithGradients(double scale)
    {
        torch.manual_seed(1);
        var model = nn.Linear(4, 3, dtype: ScalarType.Float64);
        var copy = nn.Linear(4, 3, dtype: ScalarType.Float64);
        copy.load_state_dict(model.state_dict());
        var x = torch.randn(5, 4, dtype: ScalarType.Float64) * scale;
        foreach (var m in new[] { model, copy }) m.call(x).square().sum().backward();
        return (model, copy);
    }

    [Theory]
    [InlineData(10.0, 0.5)]
    [InlineData(0.01, 100.0)]
    public void Clip_by_norm_matches_torch_and_returns_the_norm_before_clipping(double scale, double maxNorm)
    {
        var (model, copy) = TwoModelsWithGradients(scale);
        var expectedNorm = Math.Sqrt(model.parameters().Sum(p => p.grad!.square().sum().item<double>()));

        var norm = GradientClipping.ClipByNorm(model.parameters(), maxNorm);
        var torchNorm = torch.nn.utils.clip_grad_norm_(copy.parameters(), maxNorm);

        Assert.Equal(expectedNorm, norm, 12);
        Assert.Equal(torchNorm, norm, 10);
        var after = GradientClipping.GlobalNorm(model.parameters());
        Assert.Equal(Math.Min(norm, maxNorm), after, 10);
        foreach (var (p, q) in model.parameters().Zip(copy.parameters()))
            Assert.True(torch.allclose(p.grad!, q.grad!, rtol: 1e-5, atol: 1e-12));
    }

    [Fact]
    public void Clip_by_value_clamps_each_component_and_returns_the_norm_before()
    {
        var (model, _) = TwoModelsWithGradients(10.0);
        var before = GradientClipping.GlobalNorm(model.parameters());
        var largest = model.parameters().Max(p => p.grad!.abs().max().item<double>());
        Assert.True(largest > 0.5);

        var norm = GradientClipping.ClipByValue(model.parameters(), 0.5);

        Assert.Equal(before, norm, 12);
        Assert.Equal(0.5, model.parameters().Max(p => p.grad!.abs().max().item<double>()), 12);
    }

    [Fact]
    public void Bad_thresholds_are_rejected()
    {
        var (model, _) = TwoModelsWithGradients(1.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByNorm(model.parameters(), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue(model.parameters(), double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Clipping.ByNorm(-1));
        Assert.Equal("clip norm 1", Clipping.ByNorm(1).ToString());
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Foundation;

/// <summary>
/// Loads the native TorchSharp library and trains one step of its fused LSTM. On Debian 12 this fails
/// with "GLIBCXX_3.4.32 not found" unless the build patched libLibTorchSharp.so (build/PatchLibTorchSharp.cs).
/// </summary>
public class TorchSharpSmokeTests
{
    [Fact]
    public void Fused_lstm_runs_forward_and_backward_with_the_expected_shapes()
    {
        torch.manual_seed(0);
        using var lstm = nn.LSTM(inputSize: 3, hiddenSize: 5, numLayers: 2, batchFirst: true);
        using var x = randn(4, 7, 3);

        var (output, h, c) = lstm.forward(x);
        output.sum().backward();

        Assert.Equal(new long[] { 4, 7, 5 }, output.shape);
        Assert.Equal(new long[] { 2, 4, 5 }, h.shape);
        Assert.Equal(new long[] { 2, 4, 5 }, c.shape);
        foreach (var (name, p) in lstm.named_parameters())
        {
            Assert.True(p.grad is not null, $"{name} has no gradient");
            Assert.Equal(p.shape, p.grad!.shape);
            Assert.True(p.grad!.abs().sum().item<float>() > 0, $"{name}'s gradient is all zero");
        }
    }
}

using System.Diagnostics;
using Lectures.Notebooks.Execution;
using Lectures.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Notebooks;

/// <summary>The environment every notebook process gets, and the libtorch bug it works around.</summary>
[Trait("Category", "Notebooks")]
public class TorchEnvironmentTests : SingleThreaded
{
    [Fact]
    public void Workers_get_the_variables_the_user_has_not_set()
    {
        const string name = "ONEDNN_MAX_CPU_ISA";
        var saved = Environment.GetEnvironmentVariable(name);
        try
        {
            Environment.SetEnvironmentVariable(name, null);
            var start = new ProcessStartInfo("true");
            TorchEnvironment.ApplyTo(start);
            Assert.Equal("AVX2", start.Environment[name]);

            Environment.SetEnvironmentVariable(name, "AVX512_CORE");
            var chosen = new ProcessStartInfo("true");
            TorchEnvironment.ApplyTo(chosen);
            Assert.Equal("AVX512_CORE", chosen.Environment[name]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, saved);
        }
    }

    [Fact]
    public void Fused_lstm_gives_the_same_outputs_with_and_without_autograd()
    {
        // Without ONEDNN_MAX_CPU_ISA=AVX2 (tests/test.runsettings) this fails on AMD Zen 5: under no_grad libtorch
        // takes oneDNN's LSTM inference path, whose AVX-512 kernels compute wrong values there.
        torch.manual_seed(0);
        using var lstm = nn.LSTM(2, 16, batchFirst: true);
        var x = torch.rand(64, 6, 2);
        var training = lstm.call(x).Item1.detach();
        Tensor inference;
        using (torch.no_grad()) inference = lstm.call(x).Item1;
        Assert.True((training - inference).abs().max().item<float>() < 1e-5f, "nn.LSTM under no_grad differs from the same forward with autograd");
    }
}

using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Lectures.Benchmarks;

/// <summary>
/// The floor under any LSTM built from tensor operations, at the lecture size in float32 (batch 32, seq 50, input 64,
/// hidden 128; two threads): TorchSharp's fused training step (forward and backward) as the baseline, its forward
/// alone, and the leanest from-scratch forward there is, with no autograd and no backward at all (the input's share
/// of all gates in one product, then per step one addmm, one sigmoid over the stacked gates, one tanh and the cell
/// update). When that loop alone costs more than the fused step, no backward, by autograd or by hand, can bring a
/// from-scratch layer near it.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class LstmFloorBenchmarks
{
    private const int Hidden = 128;
    private TorchSharp.Modules.LSTM fused = null!;
    private Tensor x = null!, weightIh = null!, weightHh = null!, bias = null!;

    /// <summary>TorchSharp's LSTM and its weights, one input batch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(2);
        manual_seed(0);
        fused = nn.LSTM(64, Hidden);
        x = randn(50, 32, 64);
        var p = fused.named_parameters().ToDictionary(n => n.name, n => n.parameter.detach());
        (weightIh, weightHh, bias) = (p["weight_ih_l0"], p["weight_hh_l0"], p["bias_ih_l0"] + p["bias_hh_l0"]);
    }

    /// <summary>TorchSharp's fused LSTM: forward and backward of the summed outputs.</summary>
    [Benchmark(Baseline = true)]
    public void FusedTrainingStep()
    {
        using var scope = NewDisposeScope();
        fused.zero_grad();
        fused.forward(x).Item1.sum().backward();
    }

    /// <summary>TorchSharp's fused LSTM, forward only, no autograd.</summary>
    [Benchmark]
    public void FusedForward()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        fused.forward(x);
    }

    /// <summary>The leanest from-scratch forward: no autograd, no backward, nothing kept.</summary>
    [Benchmark]
    public void MinimalForwardLoop()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var xw = x.matmul(weightIh.T) + bias;                 // x_t W_ihᵀ + b for every step at once
        var (h, c) = (zeros(32, Hidden), zeros(32, Hidden));
        foreach (var xwt in xw.unbind(0))
        {
            var a = addmm(xwt, h, weightHh.T, 1, 1);              // a_t = x_t W_ihᵀ + b + h_{t−1} W_hhᵀ
            var gates = a.sigmoid();                           // i, f, o from one sigmoid (g's quarter is unused)
            var g = a[.., (2 * Hidden)..(3 * Hidden)].tanh();
            c = gates[.., Hidden..(2 * Hidden)] * c + gates[.., ..Hidden] * g;
            h = gates[.., (3 * Hidden)..] * c.tanh();
        }
    }
}

using BenchmarkDotNet.Attributes;
using Lectures.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Benchmarks;

/// <summary>
/// One training step (zero the gradients, forward, backward of the summed outputs) per batch: TorchSharp's fused
/// LSTM, GRU and RNN as the baseline, against the kit's layer with the same weights on its default autograd path and
/// on its hand-written BPTT (<see cref="RecurrentLayer{TState, TResult}.ManualBptt"/>). Sizes: the lecture size
/// (batch 32, seq 50, input 64, hidden 128) and a larger one (64, 100, 128, 256) in float32, and the lecture size in
/// float64; TorchSharp's float32 LSTM runs oneDNN's fused kernels on the CPU, its other cases the per-step path.
/// Two torch threads.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class LayerBenchmarks
{
    private nn.Module theirs = null!, autograd = null!, manual = null!;
    private Tensor x = null!;

    /// <summary>The cell.</summary>
    [Params("LSTM", "GRU", "RNN")]
    public string Cell { get; set; } = "LSTM";

    /// <summary>The size and dtype.</summary>
    [Params("lecture f32", "larger f32", "lecture f64")]
    public string Size { get; set; } = "lecture f32";

    /// <summary>Builds the three modules with TorchSharp's weights and one input batch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(2);
        var (batch, seq, input, hidden) = Size.StartsWith("lecture", StringComparison.Ordinal) ? (32, 50, 64, 128) : (64, 100, 128, 256);
        var dtype = Size.EndsWith("f64", StringComparison.Ordinal) ? ScalarType.Float64 : ScalarType.Float32;
        manual_seed(0);
        theirs = Cell switch
        {
            "LSTM" => nn.LSTM(input, hidden, dtype: dtype),
            "GRU" => nn.GRU(input, hidden, dtype: dtype),
            _ => nn.RNN(input, hidden, dtype: dtype),
        };
        nn.Module Ours(bool manualBptt) => Cell switch
        {
            "LSTM" => new Lstm(input, hidden, dtype: dtype) { ManualBptt = manualBptt },
            "GRU" => new Gru(input, hidden, dtype: dtype) { ManualBptt = manualBptt },
            _ => new Rnn(input, hidden, dtype: dtype) { ManualBptt = manualBptt },
        };
        (autograd, manual) = (Ours(false), Ours(true));
        autograd.load_state_dict(theirs.state_dict());
        manual.load_state_dict(theirs.state_dict());
        x = randn(seq, batch, input, dtype: dtype);
    }

    /// <summary>TorchSharp's fused module.</summary>
    [Benchmark(Baseline = true)]
    public void TorchSharp() => Step(theirs);

    /// <summary>The kit's layer, autograd through every step (the default).</summary>
    [Benchmark]
    public void Autograd() => Step(autograd);

    /// <summary>The kit's layer with ManualBptt: the hand-written BPTT as one autograd function.</summary>
    [Benchmark]
    public void ManualBptt() => Step(manual);

    private void Step(nn.Module module)
    {
        using var scope = NewDisposeScope();
        module.zero_grad();
        Output(module).sum().backward();
    }

    private Tensor Output(nn.Module module) => module switch
    {
        Lstm l => l.forward(x).output,
        Gru g => g.forward(x).output,
        Rnn r => r.forward(x).output,
        TorchSharp.Modules.LSTM l => l.forward(x).Item1,
        TorchSharp.Modules.GRU g => g.forward(x).Item1,
        _ => ((TorchSharp.Modules.RNN)module).forward(x, null).Item1,
    };
}

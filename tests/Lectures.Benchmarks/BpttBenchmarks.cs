using BenchmarkDotNet.Attributes;
using Lectures.Bptt;
using Lectures.Cells;
using Lectures.Layers;
using static TorchSharp.torch;

namespace Lectures.Benchmarks;

/// <summary>
/// The teaching classes of <c>Lectures.Bptt</c>: the manual BPTT (<c>Backward</c>) against autograd on the same
/// forward pass (<c>Autograd</c>, the baseline) for the vanilla RNN, the LSTM and the GRU with an output layer and a
/// squared-error loss at every step: batch 32, 50 steps, n 64, d 128, k 64, float32 and float64. Two torch threads.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class BpttBenchmarks
{
    private const long B = 32, T = 50, n = 64, d = 128, k = 64;
    private Action manual = null!, autograd = null!;

    /// <summary>The cell.</summary>
    [Params("RNN", "LSTM", "GRU")]
    public string Cell { get; set; } = "RNN";

    /// <summary>The dtype.</summary>
    [Params(ScalarType.Float32, ScalarType.Float64)]
    public ScalarType Dtype { get; set; } = ScalarType.Float32;

    /// <summary>Random parameters, a batch and targets.</summary>
    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(2);
        manual_seed(0);
        var x = randn(T, B, n, dtype: Dtype);
        var h0 = zeros(B, d, dtype: Dtype);
        var z = randn(T, B, k, dtype: Dtype);
        switch (Cell)
        {
            case "RNN":
                var rnn = new RnnBptt(RnnActivation.Tanh, LossKind.SquaredError, SequenceFlavour.ManyToMany);
                var p = RnnParameters.Random(n, d, k, Dtype);
                (manual, autograd) = (() => rnn.Backward(p, x, h0, z), () => rnn.Autograd(p, x, h0, z));
                break;
            case "LSTM":
                var lstm = new LstmBptt(LossKind.SquaredError, SequenceFlavour.ManyToMany);
                var q = GatedParameters.Random(n, d, k, 4, Dtype);
                (manual, autograd) = (() => lstm.Backward(q, x, h0, h0, z), () => lstm.Autograd(q, x, h0, h0, z));
                break;
            default:
                var gru = new GruBptt(LossKind.SquaredError, SequenceFlavour.ManyToMany);
                var r = GatedParameters.Random(n, d, k, 3, Dtype);
                (manual, autograd) = (() => gru.Backward(r, x, h0, z), () => gru.Autograd(r, x, h0, z));
                break;
        }
    }

    /// <summary>TorchSharp's autograd on the hand-written forward pass.</summary>
    [Benchmark(Baseline = true)]
    public void Autograd()
    {
        using var scope = NewDisposeScope();
        autograd();
    }

    /// <summary>The hand-written BPTT.</summary>
    [Benchmark]
    public void Manual()
    {
        using var scope = NewDisposeScope();
        manual();
    }
}

using Lectures.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Benchmarks;

/// <summary>
/// Forward + backward per batch of our Lstm, Gru and Rnn layers against TorchSharp's LSTM, GRU and RNN with the
/// same weights, at the lecture size and a larger one; then resident memory over many training steps.
/// </summary>
public sealed class LayerSuite : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "layers";

    /// <inheritdoc />
    public string Description => "Lstm/Gru/Rnn layers vs TorchSharp's LSTM/GRU/RNN: time ratio per batch and memory";

    /// <summary>
    /// The two sizes of issue 3 in float32, plus the lecture size in float64: TorchSharp's float32 LSTM runs oneDNN's
    /// fused LSTM kernels on CPU, its float64 LSTM (like its GRU and RNN) the generic per-step path.
    /// </summary>
    private static readonly (string name, long batch, long seq, long input, long hidden, ScalarType dtype)[] Sizes =
    [
        ("lecture", 32, 50, 64, 128, ScalarType.Float32),
        ("larger", 64, 100, 128, 256, ScalarType.Float32),
        ("lecture f64", 32, 50, 64, 128, ScalarType.Float64),
    ];

    private static readonly string[] Kinds = ["LSTM", "GRU", "RNN"];

    /// <inheritdoc />
    public void Run(BenchmarkOptions options)
    {
        Console.WriteLine($"layers: forward+backward per batch, {options.Threads} threads, {options.Rounds} interleaved rounds");
        Console.WriteLine($"{"case (float32 unless f64)",-22} {"ours ms",9} {"theirs ms",9} {"ratio",7} {"(min–max)",14}");
        foreach (var size in Sizes)
            foreach (var kind in Kinds)
            {
                var (ours, theirs) = Steps(kind, size.batch, size.seq, size.input, size.hidden, size.dtype);
                ours(); theirs(); ours(); theirs();                                   // warm up
                var calls = Math.Max(1, (int)(100 / Math.Max(Measure.Time(ours, 1), 1e-3)));   // ~0.1 s per side per round
                var (a, b) = Measure.Interleaved(ours, theirs, options.Rounds, calls);
                var ratios = a.Zip(b, (x, y) => x / y).ToArray();
                Console.WriteLine($"{kind + " " + size.name,-22} {Measure.Median(a),9:F2} {Measure.Median(b),9:F2} " +
                                  $"{Measure.Median(ratios),7:F3} {$"({ratios.Min():F2}–{ratios.Max():F2})",14}");
            }

        var lecture = Sizes[0];
        Console.WriteLine($"\nmemory: resident set over {options.MemorySteps} training steps at the lecture size (MiB)");
        Console.WriteLine($"{"case",-22} {"after 100",10} {"at end",10} {"growth",8} {"peak",8}");
        foreach (var kind in Kinds)
        {
            var (ours, theirs) = Steps(kind, lecture.batch, lecture.seq, lecture.input, lecture.hidden, lecture.dtype);
            foreach (var (who, step) in new[] { ("ours", ours), ("theirs", theirs) })
            {
                var early = 0.0;
                for (var k = 1; k <= options.MemorySteps; k++)
                {
                    step();
                    if (k == Math.Min(100, options.MemorySteps)) early = Measure.Memory().rss;
                }
                var (rss, peak) = Measure.Memory();
                Console.WriteLine($"{kind + " " + who,-22} {early,10:F0} {rss,10:F0} {rss - early,8:F0} {peak,8:F0}");
            }
        }
    }

    /// <summary>One training step (zero grads, forward, backward) for our layer and TorchSharp's, same weights and batch.</summary>
    private static (Action ours, Action theirs) Steps(string kind, long batch, long seq, long input, long hidden, ScalarType dtype)
    {
        manual_seed(0);
        nn.Module reference = kind switch
        {
            "LSTM" => nn.LSTM(input, hidden, dtype: dtype),
            "GRU" => nn.GRU(input, hidden, dtype: dtype),
            _ => nn.RNN(input, hidden, dtype: dtype),
        };
        nn.Module mine = kind switch
        {
            "LSTM" => new Lstm(input, hidden, dtype: dtype),
            "GRU" => new Gru(input, hidden, dtype: dtype),
            _ => new Rnn(input, hidden, dtype: dtype),
        };
        mine.load_state_dict(reference.state_dict());
        var x = randn(seq, batch, input, dtype: dtype);
        Tensor Forward(nn.Module m) => m switch
        {
            Lstm l => l.forward(x).output,
            Gru g => g.forward(x).output,
            Rnn r => r.forward(x).output,
            TorchSharp.Modules.LSTM l => l.forward(x).Item1,
            TorchSharp.Modules.GRU g => g.forward(x).Item1,
            _ => ((TorchSharp.Modules.RNN)m).forward(x, null).Item1,
        };
        Action Step(nn.Module m) => () =>
        {
            using var scope = NewDisposeScope();
            m.zero_grad();
            Forward(m).sum().backward();
        };
        return (Step(mine), Step(reference));
    }
}

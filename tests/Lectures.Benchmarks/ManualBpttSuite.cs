using System.Globalization;
using Lectures.Bptt;
using Lectures.Cells;
using static TorchSharp.torch;

namespace Lectures.Benchmarks;

/// <summary>
/// Manual vanilla-RNN BPTT (<see cref="RnnBptt.Backward"/>) against autograd on the same forward pass
/// (<see cref="RnnBptt.Autograd"/>): batch 32, 50 steps, n = 64, d = 128, k = 64, tanh, squared error at every step,
/// in float32 and float64. The ratio is manual / autograd (below 1 means the manual pass is faster).
/// </summary>
public sealed class ManualBpttSuite : IBenchmarkSuite
{
    private const long B = 32, T = 50, n = 64, d = 128, k = 64;

    /// <inheritdoc />
    public string Name => "bptt";

    /// <inheritdoc />
    public string Description => "manual vanilla-RNN BPTT vs autograd (B 32, T 50, n 64, d 128)";

    /// <inheritdoc />
    public void Run(BenchmarkOptions options)
    {
        var bptt = new RnnBptt(RnnActivation.Tanh, LossKind.SquaredError, OutputSetting.ManyToMany);
        Console.WriteLine($"Manual vanilla-RNN BPTT vs autograd: B={B}, T={T}, n={n}, d={d}, k={k}, tanh, squared error; " +
                          $"median of {options.Rounds} interleaved rounds, torch threads = {options.Threads}");
        Console.WriteLine($"{"dtype",-8} {"manual ms",10} {"autograd ms",12} {"ratio",7} {"rel. error",11}");
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
        {
            manual_seed(0);
            var p = RnnParameters.Random(n, d, k, dtype);
            var x = randn(T, B, n, dtype: dtype);
            var h0 = zeros(B, d, dtype: dtype);
            var z = randn(T, B, k, dtype: dtype);

            void Manual() { using var _ = NewDisposeScope(); bptt.Backward(p, x, h0, z); }
            void Autograd() { using var _ = NewDisposeScope(); bptt.Autograd(p, x, h0, z); }
            Measure.Interleaved(Manual, Autograd, rounds: 3, callsPerRound: 1);   // warm-up
            var (manual, autograd) = Measure.Interleaved(Manual, Autograd, options.Rounds, callsPerRound: 3);

            double error;
            using (NewDisposeScope())
                error = GradientCheck.Compare(bptt.Autograd(p, x, h0, z).Named(), bptt.Backward(p, x, h0, z).Named()).MaxRelativeError;
            var (m, a) = (Measure.Median(manual), Measure.Median(autograd));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-8} {1,10:F2} {2,12:F2} {3,7:F3} {4,11:E2}", dtype, m, a, m / a, error));
        }
    }
}

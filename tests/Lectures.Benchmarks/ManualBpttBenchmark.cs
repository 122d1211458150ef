using System.Diagnostics;
using System.Globalization;
using Lectures.Bptt;
using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Benchmarks;

/// <summary>
/// Manual vanilla-RNN BPTT (<see cref="RnnBptt.Backward"/>) against autograd on the same forward pass
/// (<see cref="RnnBptt.Autograd"/>): batch 32, 50 steps, n = 64, d = 128, k = 64, tanh, squared error at every step,
/// in float32 and float64. Rounds alternate manual and autograd so drifting load from other jobs hits both alike;
/// the report gives medians and the ratio manual / autograd (below 1 means the manual pass is faster).
/// </summary>
internal static class ManualBpttBenchmark
{
    private const long B = 32, T = 50, n = 64, d = 128, k = 64;

    public static int Run(int rounds = 30, int warmup = 5)
    {
        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            torch.set_num_threads(threads);
            Measure(rounds, warmup);
        }
        return 0;
    }

    private static void Measure(int rounds, int warmup)
    {
        var bptt = new RnnBptt(RnnActivation.Tanh, LossKind.SquaredError, OutputSetting.ManyToMany);
        Console.WriteLine($"Manual vanilla-RNN BPTT vs autograd: B={B}, T={T}, n={n}, d={d}, k={k}, tanh, squared error; " +
                          $"{rounds} interleaved rounds after {warmup} warm-up, torch threads = {torch.get_num_threads()}");
        Console.WriteLine($"{"dtype",-8} {"manual ms",10} {"autograd ms",12} {"ratio",7} {"rel. error",11}");
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
        {
            manual_seed(0);
            var p = RnnParameters.Random(n, d, k, dtype);
            var x = randn(T, B, n, dtype: dtype);
            var h0 = zeros(B, d, dtype: dtype);
            var z = randn(T, B, k, dtype: dtype);

            double Manual() => Time(() => bptt.Backward(p, x, h0, z));
            double Autograd() => Time(() => bptt.Autograd(p, x, h0, z));
            for (var i = 0; i < warmup; i++) { Manual(); Autograd(); }
            var manual = new List<double>();
            var autograd = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                // Alternate which goes first so neither always runs right after the other's garbage.
                if (i % 2 == 0) { manual.Add(Manual()); autograd.Add(Autograd()); }
                else { autograd.Add(Autograd()); manual.Add(Manual()); }
            }
            double error;
            using (NewDisposeScope())
                error = GradientCheck.Compare(bptt.Autograd(p, x, h0, z).Named(), bptt.Backward(p, x, h0, z).Named()).MaxRelativeError;
            var (m, a) = (Median(manual), Median(autograd));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-8} {1,10:F2} {2,12:F2} {3,7:F3} {4,11:E2}", dtype, m, a, m / a, error));
        }
    }

    private static double Time(Action run)
    {
        using var scope = NewDisposeScope();
        var watch = Stopwatch.StartNew();
        run();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

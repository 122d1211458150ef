using System.Diagnostics;

namespace Lectures.Benchmarks;

/// <summary>Timing and memory helpers: interleaved rounds, medians, and the process's resident memory.</summary>
public static class Measure
{
    /// <summary>
    /// Times <paramref name="ours"/> and <paramref name="theirs"/> (ms per call) over several rounds, alternating
    /// which goes first so machine drift cancels. Returns per-round times for both.
    /// </summary>
    /// <param name="ours">One step of our module.</param>
    /// <param name="theirs">One step of the reference.</param>
    /// <param name="rounds">How many rounds.</param>
    /// <param name="callsPerRound">Calls of each per round.</param>
    public static (double[] ours, double[] theirs) Interleaved(Action ours, Action theirs, int rounds, int callsPerRound)
    {
        var (a, b) = (new double[rounds], new double[rounds]);
        for (var r = 0; r < rounds; r++)
        {
            if (r % 2 == 0) { a[r] = Time(ours, callsPerRound); b[r] = Time(theirs, callsPerRound); }
            else { b[r] = Time(theirs, callsPerRound); a[r] = Time(ours, callsPerRound); }
        }
        return (a, b);
    }

    /// <summary>Milliseconds per call of <paramref name="step"/>, averaged over <paramref name="calls"/> calls.</summary>
    /// <param name="step">The work.</param>
    /// <param name="calls">How many calls.</param>
    public static double Time(Action step, int calls)
    {
        var watch = Stopwatch.StartNew();
        for (var k = 0; k < calls; k++) step();
        return watch.Elapsed.TotalMilliseconds / calls;
    }

    /// <summary>The median of some numbers.</summary>
    /// <param name="values">The numbers.</param>
    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    /// <summary>Resident set size now and its peak so far, in MiB (from /proc/self/status on Linux).</summary>
    public static (double rss, double peak) Memory()
    {
        double Field(string name)
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(name + ":"));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        return OperatingSystem.IsLinux() ? (Field("VmRSS"), Field("VmHWM"))
            : (Process.GetCurrentProcess().WorkingSet64 / 1048576.0, Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0);
    }
}

using System.Globalization;

namespace Lectures.Notebooks.Grading;

/// <summary>What one submitted notebook may use while it is graded; each limit costs only that notebook its points.</summary>
/// <param name="CellTimeout">How long one cell may run (the first cell, which also starts the engine, gets at least <see cref="WarmUp"/>).</param>
/// <param name="Budget">Wall time for the whole notebook, restarts included; it is also the notebook's CPU time (at least a minute).</param>
/// <param name="MemoryMegabytes">Memory the worker may commit (Linux).</param>
/// <param name="CellOutputKilobytes">Output one cell may print or display; past it the cell is stopped.</param>
/// <param name="NotebookOutputKilobytes">Output the whole notebook may produce.</param>
/// <param name="FileMegabytes">The largest file the notebook may write (Linux), and in the sandbox the space of its folder and of /tmp.</param>
public sealed record GradingLimits(TimeSpan CellTimeout, TimeSpan Budget, int MemoryMegabytes = 2048,
    int CellOutputKilobytes = 1024, int NotebookOutputKilobytes = 4096, int FileMegabytes = 256)
{
    /// <summary>The least time the first cell gets, whatever the cell timeout: it pays for starting the engine too (as in the runner).</summary>
    public static readonly TimeSpan WarmUp = Running.NotebookRunner.WarmUpAllowance;

    /// <summary>The largest submission file read (a notebook is a few hundred kilobytes).</summary>
    public const long SubmissionBytes = 20L << 20;

    /// <summary>How long cell <paramref name="position"/> (0 for the first code cell) may run.</summary>
    public TimeSpan TimeoutFor(int position) => position == 0 && WarmUp > CellTimeout ? WarmUp : CellTimeout;

    /// <summary>The CPU seconds a worker started with <paramref name="remaining"/> of the budget left may use.</summary>
    public static int CpuSeconds(TimeSpan remaining) => (int)Math.Ceiling(Math.Max(remaining.TotalSeconds, 60));

    /// <summary>Each limit that cannot work, named as the command line option that set it; empty when all are fine.</summary>
    public IEnumerable<string> Problems()
    {
        if (CellTimeout < TimeSpan.FromSeconds(1)) yield return $"--cell-timeout: expected at least 1 second, got {Seconds(CellTimeout)}";
        if (Budget < CellTimeout) yield return $"--budget: expected at least the cell timeout ({Seconds(CellTimeout)} s), got {Seconds(Budget)}";
        if (MemoryMegabytes < 512) yield return $"--memory: expected at least 512 MB (the engine and libtorch need about 400), got {MemoryMegabytes}";
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);
}

using System.Diagnostics;

namespace Lectures.Notebooks.Running;

/// <summary>
/// Runs a list of notebooks with up to <c>jobs</c> workers at once, each notebook in its own worker process, and
/// prints the report: a table of notebooks, then the wall time beside the sum of the notebooks' own times, which is
/// what running them side by side saved. Results come back in the order of the list whatever the parallelism, and
/// each notebook's outputs do not depend on it: a worker runs one notebook alone, from a fresh process.
/// </summary>
public static class NotebookBatch
{
    /// <summary>Runs <paramref name="notebooks"/> and prints the report to <paramref name="log"/>.</summary>
    /// <param name="runner">Runs one notebook; its log must take whole lines from several threads (see <see cref="TextWriter.Synchronized"/>).</param>
    /// <param name="notebooks">The notebooks, in the order of the report.</param>
    /// <param name="jobs">How many notebooks run at once (at least 1).</param>
    /// <param name="outputFor">Where a notebook's executed copy goes.</param>
    /// <param name="log">Where the report goes.</param>
    public static async Task<IReadOnlyList<NotebookRun>> RunAsync(NotebookRunner runner, IReadOnlyList<string> notebooks, int jobs,
        Func<string, string> outputFor, TextWriter log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var watch = Stopwatch.StartNew();
        var runs = new NotebookRun[notebooks.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, notebooks.Count), new ParallelOptions { MaxDegreeOfParallelism = jobs },
            async (i, _) => runs[i] = await runner.RunAsync(notebooks[i], outputFor(notebooks[i]), $"{i + 1}/{notebooks.Count}"));
        var wall = watch.Elapsed.TotalSeconds;

        var report = new System.Text.StringBuilder($"\n{"notebook",-40} {"status",-10} {"time",8}\n");
        foreach (var r in runs) report.Append($"{r.Name,-40} {r.Status,-10} {r.Elapsed.TotalSeconds,7:0.0}s\n");
        var failed = runs.Where(r => !r.Passed).ToList();
        var sum = runs.Sum(r => r.Elapsed.TotalSeconds);
        var workers = Math.Min(jobs, notebooks.Count);
        report.Append($"{runs.Length - failed.Count} of {runs.Length} notebooks passed. Wall time {wall:0.0} s with {workers} worker{(workers == 1 ? "" : "s")}; " +
                      $"the notebooks' own times add up to {sum:0.0} s (wall time / sum = {(sum > 0 ? wall / sum : 1):0.00}).\n");
        foreach (var r in failed) report.Append($"{(r.Executed ? "FAILED" : "NOT RUN")} {r.Name}: {r.Problem}\n");
        log.Write(report.ToString());
        return runs;
    }
}

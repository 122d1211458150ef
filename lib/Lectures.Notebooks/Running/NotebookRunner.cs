using System.Diagnostics;
using System.Text.Json.Nodes;
using Lectures.Notebooks.Execution;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Running;

/// <summary>
/// Runs notebooks, each in its own worker process so a hang or a crash costs only that notebook: a cell that
/// runs past the timeout has its worker killed and gets a timeout error. A file that is not a C# notebook is
/// reported and not run. Prints progress as it goes, one whole line per event, each naming its notebook, so the
/// lines of notebooks running side by side (see <see cref="NotebookBatch"/>) stay readable.
/// The first cell gets at least <see cref="WarmUpAllowance"/>: it also pays for starting the worker, loading the
/// libraries and warming up the compiler, so a short per-cell timeout (the grader's, a test's) does not fail a slow
/// setup cell on a busy machine.
/// </summary>
public sealed class NotebookRunner(TimeSpan cellTimeout, bool allowErrors, TextWriter log)
{
    /// <summary>The least time the first cell may take, whatever the per-cell timeout.</summary>
    public static readonly TimeSpan WarmUpAllowance = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Threads each worker's libtorch and OpenMP start with (OMP_NUM_THREADS, unless the user set it): workers running
    /// side by side then do not each spin one OpenMP thread per core before the notebook sets its own count, and a
    /// notebook's numbers do not depend on the machine or on how many run beside it. Null leaves libtorch's default
    /// (one per core).
    /// </summary>
    public int? WorkerThreads { get; init; }

    /// <summary>Runs <paramref name="source"/> and writes the executed notebook to <paramref name="output"/>.</summary>
    /// <param name="source">The notebook.</param>
    /// <param name="output">Where the executed copy goes (may be the source itself).</param>
    /// <param name="position">"3/17" for the progress line.</param>
    public async Task<NotebookRun> RunAsync(string source, string output, string position)
    {
        var watch = Stopwatch.StartNew();
        var name = Path.GetFileName(source);
        if (Unrunnable(source) is { } reason) return Report(new NotebookRun(source, output, NotebookRun.NotRun, watch.Elapsed, 0, reason));
        var staging = output + ".running.ipynb";
        using var worker = StartWorker(source, staging);
        var stderr = worker.StandardError.ReadToEndAsync();
        WorkerMessage? started = null, failure = null;
        var cellWatch = Stopwatch.StartNew();
        var cells = 0;
        var done = false;
        while (true)
        {
            var limit = (started?.Cell ?? 1) == 1 && WarmUpAllowance > cellTimeout ? WarmUpAllowance : cellTimeout;
            var remaining = limit - cellWatch.Elapsed;
            var read = worker.StandardOutput.ReadLineAsync();
            if (await Task.WhenAny(read, Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero)) != read)
            {
                worker.Kill(entireProcessTree: true);
                var cell = started?.Cell ?? 1;
                var message = $"Cell {cell} did not finish within {limit.TotalSeconds:0} s; the run was stopped.";
                Finish(source, staging, output, timeout: (cell, message));
                return Report(new NotebookRun(source, output, "timed out", watch.Elapsed, cells, $"cell {cell}: {message}"));
            }
            var line = await read;
            if (line is null) break;
            if (WorkerMessage.TryParse(line) is not { } message2) { log.WriteLine($"  {name}: {line}"); continue; }
            switch (message2.Event)
            {
                case "start":
                    (started, cells) = (message2, message2.Cells);
                    cellWatch.Restart();
                    log.WriteLine($"[{position}] {name}: cell {message2.Cell}/{message2.Cells} at {watch.Elapsed.TotalSeconds:0.0} s");
                    break;
                case "end" when message2.Error is not null:
                    failure ??= message2;
                    break;
                case "done":
                    done = true;
                    break;
            }
        }
        await worker.WaitForExitAsync();
        if (!done)
        {
            Finish(source, staging, output, timeout: null);
            var tail = string.Join("\n", (await stderr).Split('\n').Where(l => l.Length > 0).TakeLast(8));
            return Report(new NotebookRun(source, output, "crashed", watch.Elapsed, cells,
                $"the worker exited with code {worker.ExitCode} in cell {started?.Cell ?? 0}:\n{tail}"));
        }
        Finish(source, staging, output, timeout: null);
        return Report(failure is null
            ? new NotebookRun(source, output, "passed", watch.Elapsed, cells, null)
            : new NotebookRun(source, output, "failed", watch.Elapsed, cells, $"cell {failure.Cell}, {failure.Error}"));
    }

    /// <summary>Why <paramref name="source"/> cannot be run (not a notebook, or not a C# one), or null when it can.</summary>
    private static string? Unrunnable(string source)
    {
        Notebook notebook;
        try { notebook = Notebook.Load(source); }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException) { return e.Message; }
        return notebook.Language is { } language && !IsCSharp(language)
            ? $"{source} is a {language} notebook (kernel {notebook.KernelName ?? "unnamed"}); expected a C# notebook (kernelspec language \"C#\")"
            : null;
    }

    private static bool IsCSharp(string language) =>
        language.Equals("C#", StringComparison.OrdinalIgnoreCase) || language.Equals("csharp", StringComparison.OrdinalIgnoreCase);

    private Process StartWorker(string source, string staging)
    {
        var (file, prefix) = Self();
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(source))!,
        };
        foreach (var a in prefix.Concat(["worker", Path.GetFullPath(source), Path.GetFullPath(staging)])) start.ArgumentList.Add(a);
        if (allowErrors) start.ArgumentList.Add("--allow-errors");
        TorchEnvironment.ApplyTo(start);
        if (WorkerThreads is { } threads && Environment.GetEnvironmentVariable("OMP_NUM_THREADS") is null)
            start.Environment["OMP_NUM_THREADS"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>How to start this program again: its app host, or <c>dotnet</c> with its assembly.</summary>
    internal static (string File, string[] Prefix) Self()
    {
        var host = Environment.ProcessPath!;
        var assembly = typeof(NotebookRunner).Assembly.Location;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? (host, [assembly]) : (host, []);
    }

    /// <summary>Moves the worker's output into place; a killed cell gets its timeout error, a missing output the source's cells.</summary>
    private static void Finish(string source, string staging, string output, (int Cell, string Message)? timeout)
    {
        var notebook = Notebook.Load(File.Exists(staging) ? staging : source);
        notebook.EnsureCellIds();
        if (timeout is { } t)
        {
            var cell = notebook.Cells.Where(c => c.CellType == "code").ElementAt(t.Cell - 1);
            cell.SetOutputs(cell.Outputs.Select(o => o!.DeepClone().AsObject())
                .Append(new ErrorOutput("CellTimeout", t.Message, [t.Message]).ToJson(null)).ToList(), null);
        }
        notebook.Save(output);
        File.Delete(staging);
    }

    /// <summary>One line (two when it did not pass) in a single write, so parallel runs do not interleave inside it.</summary>
    private NotebookRun Report(NotebookRun run)
    {
        if (!run.Executed) log.WriteLine($"{run.Name}: {run.Status}: {run.Problem}");
        else log.WriteLine($"{run.Name}: {run.Status} in {run.Elapsed.TotalSeconds:0.0} s ({run.Cells} cells)" +
                      (run.Problem is null ? "" : $"\n  {run.Problem.Replace("\n", "\n  ")}"));
        return run;
    }
}

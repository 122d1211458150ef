using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// The grader's side of one grading worker: starts it (sandboxed or not), sends it one cell at a time and waits for
/// that cell's sealed report, bounded in time and size. Everything the worker prints is untrusted: lines are read
/// with a length cap, unmarked lines are ignored (up to a cap), and only the last bytes of its standard error are
/// kept, for telling a crash's cause, never shown to the student.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int MaxLine = 64 << 20, MaxNoise = 64 << 20, ErrorTail = 16 << 10;

    // bwrap's --die-with-parent uses Linux's parent-death signal, which follows the thread that started the process,
    // not the process: a worker started from a pool thread would be killed when that thread retires. So every
    // worker is started from this one thread, which lives as long as the grader.
    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Started)> Launches = StartLauncher();

    private readonly Process process;
    private readonly string? scratch;
    private readonly Channel<string?> lines = Channel.CreateUnbounded<string?>();
    private readonly StringBuilder errorTail = new();
    private readonly Task reading, readingErrors;
    private string? flood;

    private WorkerProcess(ProcessStartInfo start, string? scratch)
    {
        start.StandardInputEncoding = new UTF8Encoding(false);
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Launches.Add((start, started));
        process = started.Task.GetAwaiter().GetResult();
        this.scratch = scratch;
        reading = Task.Run(ReadReports);
        readingErrors = Task.Run(ReadErrors);
    }

    /// <summary>Starts a worker for <paramref name="layout"/> under <paramref name="sandbox"/> with <paramref name="remaining"/> of the budget left.</summary>
    public static WorkerProcess Start(SubmissionSandbox sandbox, WorkerLayout layout, GradingLimits limits, TimeSpan remaining)
    {
        var (start, _, scratch) = sandbox.Prepare(layout, limits, folder =>
        [
            "grade-worker", folder, "--memory", $"{limits.MemoryMegabytes}", "--cpu", $"{GradingLimits.CpuSeconds(remaining)}",
            "--cell-output", $"{limits.CellOutputKilobytes}", "--notebook-output", $"{limits.NotebookOutputKilobytes}", "--file-size", $"{limits.FileMegabytes}",
        ]);
        return new WorkerProcess(start, scratch);
    }

    /// <summary>Runs one cell and waits at most <paramref name="wait"/> for its report.</summary>
    public async Task<WorkerReply> RunAsync(int index, string source, TimeSpan timeout, TimeSpan wait)
    {
        var nonce = ResultChannel.NewNonce();
        try
        {
            await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new CellRequest(index, Convert.ToHexStringLower(nonce), source, timeout.TotalSeconds)));
            await process.StandardInput.FlushAsync();
        }
        catch (IOException) { return await Ended(); }   // the worker is gone already
        using var deadline = new CancellationTokenSource(wait);
        try
        {
            while (await lines.Reader.ReadAsync(deadline.Token) is { } line)
            {
                var report = ResultChannel.Open(line, index, nonce, out var problem);
                return report is null ? new WorkerReply.Tampered(problem!) : new WorkerReply.Reported(report);
            }
        }
        catch (OperationCanceledException) { return new WorkerReply.NoAnswer(); }
        catch (ChannelClosedException) { }
        return flood is not null ? new WorkerReply.Tampered(flood) : await Ended();
    }

    /// <summary>
    /// After the last report: anything more on the channel (a second report, a forged one) is tampering. The
    /// worker is given a moment to write it, then stopped.
    /// </summary>
    public async Task<string?> FinishAsync()
    {
        process.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            while (await lines.Reader.ReadAsync(grace.Token) is not null)
                return "a report after the last cell";
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException) { }
        return flood;
    }

    private async Task<WorkerReply> Ended()
    {
        await process.WaitForExitAsync();
        await readingErrors;
        return new WorkerReply.Exited(process.ExitCode, errorTail.ToString());
    }

    private async Task ReadReports()
    {
        var stream = process.StandardOutput.BaseStream;
        var buffer = new byte[1 << 16];
        var line = new MemoryStream();
        long noise = 0;
        int read;
        try
        {
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                for (var start = 0; start < read;)
                {
                    var end = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                    line.Write(buffer, start, (end < 0 ? read : end) - start);
                    if (line.Length > MaxLine) { Flood("a line of more than 64 MB on the grader's channel"); return; }
                    if (end < 0) break;
                    var text = Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
                    line.SetLength(0);
                    start = end + 1;
                    if (text.StartsWith(ResultChannel.Marker, StringComparison.Ordinal)) await lines.Writer.WriteAsync(text);
                    else if ((noise += text.Length) > MaxNoise) { Flood("more than 64 MB written to the grader's channel"); return; }
                }
            }
        }
        catch (IOException) { }
        finally { lines.Writer.TryComplete(); }
    }

    private void Flood(string what)
    {
        flood = what;
        Kill();
    }

    private async Task ReadErrors()
    {
        var buffer = new char[4096];
        int read;
        try
        {
            while ((read = await process.StandardError.ReadAsync(buffer)) > 0)
                lock (errorTail)
                {
                    errorTail.Append(buffer, 0, read);
                    if (errorTail.Length > 2 * ErrorTail) errorTail.Remove(0, errorTail.Length - ErrorTail);
                }
        }
        catch (IOException) { }
    }

    private static BlockingCollection<(ProcessStartInfo, TaskCompletionSource<Process>)> StartLauncher()
    {
        var launches = new BlockingCollection<(ProcessStartInfo, TaskCompletionSource<Process>)>();
        new Thread(() =>
        {
            foreach (var (start, started) in launches.GetConsumingEnumerable())
                try { started.SetResult(Process.Start(start)!); }
                catch (Exception e) { started.SetException(e); }
        }) { IsBackground = true, Name = "grading worker launcher" }.Start();
        return launches;
    }

    /// <summary>Stops the worker and everything it started.</summary>
    public void Kill()
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }   // already gone
    }

    public void Dispose()
    {
        Kill();
        process.WaitForExit(5000);
        process.Dispose();
        if (scratch is not null)
            try { Directory.Delete(scratch, recursive: true); }
            catch (IOException) { }   // a file still open by a process that outlived the worker (unsandboxed only)
            catch (UnauthorizedAccessException) { }
    }
}

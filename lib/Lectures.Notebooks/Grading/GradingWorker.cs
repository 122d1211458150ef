using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lectures.Notebooks.Execution;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// The process a submission runs in (inside the sandbox when there is one): it caps its own resources, then runs
/// the cells the grader sends one at a time on its standard input and answers each with a sealed
/// <see cref="CellReport"/> on its standard output (<see cref="ResultChannel"/>). It writes no file and the grader
/// reads none. A cell past its timeout or its output limit is interrupted, and the session carries on with the
/// next cell, so one hanging part does not cost a restart.
/// </summary>
internal static class GradingWorker
{
    /// <summary>Serves requests until the grader closes the input; the hidden <c>grade-worker</c> command.</summary>
    /// <param name="directory">The submission's scratch folder: the working directory and where relative paths resolve.</param>
    /// <param name="limits">The notebook's limits.</param>
    /// <param name="cpuSeconds">The CPU time this process may use.</param>
    public static int Run(string directory, GradingLimits limits, int cpuSeconds)
    {
        ResourceLimits.Apply((long)limits.MemoryMegabytes << 20, cpuSeconds, (long)limits.FileMegabytes << 20);
        var requests = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        var reports = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        Console.SetIn(TextReader.Null);   // a cell reading the console gets end of input, never the grader's requests
        Environment.CurrentDirectory = directory;
        using var session = new NotebookSession(directory);
        var output = new OutputBudget((long)limits.CellOutputKilobytes << 10, (long)limits.NotebookOutputKilobytes << 10);
        session.OutputChanged += output.Count;
        while (requests.ReadLine() is { } line)
        {
            var request = JsonSerializer.Deserialize<CellRequest>(line) ?? throw new InvalidDataException("an empty request");
            var report = Execute(session, request, output);
            reports.WriteLine(ResultChannel.Seal(report, Convert.FromHexString(request.Nonce)));
        }
        return 0;
    }

    private static CellReport Execute(NotebookSession session, CellRequest request, OutputBudget output)
    {
        using var interrupt = new CancellationTokenSource();
        output.StartCell(interrupt);
        interrupt.CancelAfter(TimeSpan.FromSeconds(request.TimeoutSeconds));
        var run = session.ExecuteAsync(request.Source, interrupt.Token).GetAwaiter().GetResult();
        var outputs = run.Outputs.ToList();
        var error = run.Error;
        if (error?.Name == "CellInterrupted")
        {
            // The session's interrupt, asked for by the timeout or the output limit: say which, and whether the cell was abandoned.
            var abandoned = error.Message.Contains("abandoned", StringComparison.Ordinal)
                ? " It was blocked outside its loops, so it was abandoned and its variables are lost." : "";
            var stopped = output.Exceeded
                ? new ErrorOutput("OutputLimit", "The cell printed more than its output limit; it was stopped there." + abandoned, [], error.Line)
                : new ErrorOutput("CellTimeout", $"The cell did not finish within {request.TimeoutSeconds:0} s and was stopped." + abandoned, [], error.Line);
            outputs[outputs.LastIndexOf(error)] = stopped with { Traceback = [stopped.Message] };
            error = stopped;
        }
        else if (error is null && output.Exceeded)
        {
            // Printed past the limit in one go (no output came after to stop it at): the cell fails the same way.
            error = new ErrorOutput("OutputLimit", "The cell printed more than its output limit; the rest was left out.", []);
            outputs.Add(error with { Traceback = [error.Message] });
        }
        using var self = Process.GetCurrentProcess();
        return new CellReport(request.Index, output.Cut(outputs, session.ExecutionCount), error?.Name, error?.Line,
            session.ExecutionCount, run.Elapsed.TotalMilliseconds, self.Threads.Count);
    }
}

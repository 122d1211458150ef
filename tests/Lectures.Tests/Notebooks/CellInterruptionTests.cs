using System.Diagnostics;
using Lectures.Notebooks.Execution;
using Lectures.Tests.Support;

namespace Lectures.Tests.Notebooks;

/// <summary>
/// Interrupting a running cell (what a kernel's interrupt request does): loops of every kind stop at their next
/// turn and keep the state reached, output is an interruption point, a blocked cell is abandoned, and the
/// inserted checks change neither results nor the lines and columns errors name.
/// </summary>
[Trait("Category", "Notebooks")]
[Collection(ConsoleCollection.Name)]
public class CellInterruptionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("interrupt-").FullName;
    private readonly NotebookSession session;

    public CellInterruptionTests() => session = new NotebookSession(folder);

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private CellExecution Run(string code) => session.ExecuteAsync(code).GetAwaiter().GetResult();

    private (CellExecution Cell, TimeSpan Latency) Interrupt(string code, int afterMs = 300)
    {
        using var interrupt = new CancellationTokenSource();
        var running = session.ExecuteAsync(code, interrupt.Token);
        Thread.Sleep(afterMs);
        Assert.False(running.IsCompleted, "the cell ended before it was interrupted");
        var watch = Stopwatch.StartNew();
        interrupt.Cancel();
        var cell = running.GetAwaiter().GetResult();
        return (cell, watch.Elapsed);
    }

    private static string Result(CellExecution cell) => cell.Outputs.OfType<ResultOutput>().Single().Data["text/plain"];

    [Theory]
    [InlineData("while (true) { }")]
    [InlineData("while (true) ;")]
    [InlineData("for (;;) n++;")]
    [InlineData("do { n++; } while (n > 0 || true);")]
    [InlineData("foreach (var i in Enumerable.Repeat(1, int.MaxValue)) foreach (var j in Enumerable.Range(0, 10)) n += j;")]
    [InlineData("void Spin() { while (true) n++; }\nSpin();")]
    [InlineData("class Spinner { public static void Spin() { for (var i = 0; ; i++) { } } }\nSpinner.Spin();")]
    [InlineData("await Task.Run(() => { while (true) { } });")]
    public void A_tight_loop_stops_at_its_next_turn_with_an_interrupted_error(string loop)
    {
        Run("var n = 0L;");
        var (cell, latency) = Interrupt(loop);
        Assert.Equal("CellInterrupted", cell.Error!.Name);
        Assert.Equal("The cell was interrupted.", cell.Error.Message);
        Assert.InRange(latency.TotalSeconds, 0, 5); // typically milliseconds; loose for a busy machine
        Assert.Equal("2", Result(Run("1 + 1")));
    }

    [Fact]
    public void An_interrupted_cell_keeps_the_state_it_reached()
    {
        var (cell, _) = Interrupt("var reached = 0L;\nwhile (true) reached++;");
        Assert.Equal(2, cell.Error!.Line);
        Assert.True(Run("reached > 1000").Outputs.OfType<ResultOutput>().Single().Data["text/plain"] == "True");
    }

    [Fact]
    public void Output_is_an_interruption_point_for_library_loops()
    {
        // The loop runs inside a library (LINQ); only its printing lets the interrupt in.
        var (cell, latency) = Interrupt("Enumerable.Range(0, int.MaxValue).Select(i => { Console.Write(\"\"); return i; }).Count();");
        Assert.Equal("CellInterrupted", cell.Error!.Name);
        Assert.InRange(latency.TotalSeconds, 0, 5); // typically milliseconds; loose for a busy machine
    }

    [Fact]
    public void A_blocked_cell_is_abandoned_after_the_grace_period_and_the_session_carries_on()
    {
        Run("var kept = 5;");
        var (cell, latency) = Interrupt("var lost = 1;\nSystem.Threading.Thread.Sleep(-1);");
        Assert.Equal("CellInterrupted", cell.Error!.Name);
        Assert.Contains("abandoned", cell.Error.Message);
        Assert.InRange(latency, NotebookSession.InterruptGrace, NotebookSession.InterruptGrace + TimeSpan.FromSeconds(5));
        Assert.Equal("5", Result(Run("kept")));
        Assert.Equal("CompilationError", Run("lost").Error!.Name);
    }

    [Fact]
    public void Checks_change_neither_results_nor_error_positions()
    {
        var sums = Run("var s = 0; for (var i = 0; i < 10; i++) s += i; foreach (var c in \"abc\") s += c; while (s > 300) s -= 100; s");
        Assert.Equal("239", Result(sums));
        var bad = Run("for (var i = 0; i < 3; i++) { var q = i; } for (;;) { undefinedName++; }");
        Assert.Contains("(1,55): error CS0103", bad.Error!.Message);
        // A declaration as a loop's body is a compile error of the cell as written, not hidden by braces.
        Assert.Contains("error CS1023", Run("while (false) var z = 1;").Error!.Message);
    }

    [Fact]
    public void A_session_without_an_interrupt_runs_loops_as_before()
    {
        Assert.Equal("100000000", Result(Run("var t = 0L; for (var i = 0; i < 100_000_000; i++) t++; t")));
    }
}

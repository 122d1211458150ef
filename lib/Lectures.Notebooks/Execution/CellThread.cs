using System.Collections.Concurrent;

namespace Lectures.Notebooks.Execution;

/// <summary>
/// The thread that runs the synchronous part of every cell, so thread-bound state (TorchSharp's grad mode and
/// dispose scopes) carries from cell to cell and a caller can stop waiting for a cell that is blocked.
/// </summary>
internal sealed class CellThread : IDisposable
{
    // Like a process's main thread: deep recursion in a cell fails as it would there.
    private const int StackSize = 8 * 1024 * 1024;

    private readonly BlockingCollection<Action> work = new();

    public CellThread()
    {
        var thread = new Thread(() =>
        {
            foreach (var item in work.GetConsumingEnumerable()) item();
        }, StackSize) { IsBackground = true, Name = "notebook cell" };
        thread.Start();
    }

    /// <summary>Starts <paramref name="start"/> on this thread; the task completes when the cell's task does.</summary>
    public Task<T> Run<T>(Func<Task<T>> start)
    {
        var started = new TaskCompletionSource<Task<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Add(() =>
        {
            try { started.SetResult(start()); }
            catch (Exception e) { started.SetException(e); }
        });
        return started.Task.Unwrap();
    }

    /// <summary>Lets the thread end once its current cell (if any) returns.</summary>
    public void Dispose() => work.CompleteAdding();
}

namespace Lectures.Notebooks.Execution;

/// <summary>
/// Cooperative interruption of a running cell. .NET cannot abort a thread, so the engine inserts a call to
/// <see cref="Check"/> at the top of every loop body in a cell's code, and output (<c>Console.Write</c>,
/// <c>display</c>, display updates) checks too: a cell stops at its next loop turn or output once a kernel's
/// interrupt asks it to.
/// </summary>
public static class CellInterruption
{
    // One cell runs at a time in a process (the console is redirected process-wide too), so one flag serves;
    // a volatile read keeps the check in a tight loop to about a nanosecond.
    private static volatile bool requested;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the running cell has been asked to stop.</summary>
    public static void Check()
    {
        if (requested) throw new OperationCanceledException("The cell was interrupted.");
    }

    /// <summary>Whether an interrupt is pending for the running cell.</summary>
    internal static bool Requested => requested;

    /// <summary>Asks the running cell to stop at its next check.</summary>
    internal static void Request() => requested = true;

    /// <summary>Clears a request, before a cell starts and after it ended.</summary>
    internal static void Reset() => requested = false;
}

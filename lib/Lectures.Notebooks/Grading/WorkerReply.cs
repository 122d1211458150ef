namespace Lectures.Notebooks.Grading;

/// <summary>What came back from a grading worker for one cell.</summary>
internal abstract record WorkerReply
{
    /// <summary>The cell's sealed report.</summary>
    public sealed record Reported(CellReport Report) : WorkerReply;

    /// <summary>No report within the time allowed: the worker is stuck (it is killed).</summary>
    public sealed record NoAnswer : WorkerReply;

    /// <summary>The worker ended before reporting: its exit code and the end of its standard error.</summary>
    public sealed record Exited(int ExitCode, string ErrorTail) : WorkerReply;

    /// <summary>Something other than the worker wrote on the channel: a bad seal, another cell's report, a flood.</summary>
    public sealed record Tampered(string What) : WorkerReply;
}

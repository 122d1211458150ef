namespace Lectures.Notebooks.Running;

/// <summary>How one notebook's run went.</summary>
/// <param name="Source">The notebook that was run.</param>
/// <param name="Output">The executed notebook written (none for a notebook that was not run).</param>
/// <param name="Status">"passed", "failed", "timed out", "crashed", or <see cref="NotRun"/> for a file that is not a C# notebook.</param>
/// <param name="Elapsed">Wall time of the whole notebook.</param>
/// <param name="Cells">Code cells in the notebook.</param>
/// <param name="Problem">For a notebook that did not pass: which cell and line, and the message.</param>
public sealed record NotebookRun(string Source, string Output, string Status, TimeSpan Elapsed, int Cells, string? Problem)
{
    /// <summary>The status of a file that was not run: not a notebook, or not a C# one.</summary>
    public const string NotRun = "not run";

    /// <summary>Whether an executed copy was written.</summary>
    public bool Executed => Status != NotRun;

    /// <summary>Whether every cell ran without an error.</summary>
    public bool Passed => Status == "passed";

    /// <summary>The notebook's file name.</summary>
    public string Name => Path.GetFileName(Source);
}

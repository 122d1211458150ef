namespace Lectures.Notebooks.Running;

/// <summary>How one notebook's run went.</summary>
/// <param name="Source">The notebook that was run.</param>
/// <param name="Output">The executed notebook written.</param>
/// <param name="Status">"passed", "failed", "timed out" or "crashed".</param>
/// <param name="Elapsed">Wall time of the whole notebook.</param>
/// <param name="Cells">Code cells in the notebook.</param>
/// <param name="Problem">For a notebook that did not pass: which cell and line, and the message.</param>
public sealed record NotebookRun(string Source, string Output, string Status, TimeSpan Elapsed, int Cells, string? Problem)
{
    /// <summary>Whether every cell ran without an error.</summary>
    public bool Passed => Status == "passed";

    /// <summary>The notebook's file name.</summary>
    public string Name => Path.GetFileName(Source);
}

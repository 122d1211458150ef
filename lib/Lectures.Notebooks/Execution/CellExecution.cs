namespace Lectures.Notebooks.Execution;

/// <summary>What running one cell produced.</summary>
/// <param name="Outputs">Its outputs in order (displays may still be updated by later cells).</param>
/// <param name="Error">The error that stopped it, or null when it succeeded.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record CellExecution(IReadOnlyList<CellOutput> Outputs, ErrorOutput? Error, TimeSpan Elapsed)
{
    /// <summary>Whether the cell ran without an error.</summary>
    public bool Succeeded => Error is null;
}

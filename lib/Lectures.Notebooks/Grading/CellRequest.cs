namespace Lectures.Notebooks.Grading;

/// <summary>
/// One cell the grader asks a grading worker to run, sent as a JSON line on the worker's standard input only after
/// the previous cell's report arrived, so no code in the worker sees a cell (or its hidden tests) before it runs.
/// </summary>
/// <param name="Index">The cell's position in the merged notebook.</param>
/// <param name="Nonce">32 fresh random bytes (hex) that key this cell's report (see <see cref="ResultChannel"/>).</param>
/// <param name="Source">The cell's text.</param>
/// <param name="TimeoutSeconds">How long the cell may run before the worker interrupts it.</param>
internal sealed record CellRequest(int Index, string Nonce, string Source, double TimeoutSeconds);

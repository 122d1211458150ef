namespace Lectures.Notebooks.Kernel;

/// <summary>
/// What a cell running in the kit's Jupyter kernel can ask of the front end beyond <c>display()</c>: clearing the
/// cell's output (Jupyter's clear_output, e.g. before redrawing a figure). Outside the kernel (the runner, the
/// grader) nothing listens and the call does nothing.
/// </summary>
public static class JupyterOutput
{
    /// <summary>Raised by <see cref="Clear"/>, with its <c>wait</c>; the kernel sends clear_output to the front end.</summary>
    internal static event Action<bool>? ClearRequested;

    /// <summary>Clears the running cell's output; with <paramref name="wait"/>, only when the next output arrives (no flicker).</summary>
    public static void Clear(bool wait = false) => ClearRequested?.Invoke(wait);
}

namespace Lectures.Notebooks.Execution;

/// <summary>What <c>display(x)</c> returns: <see cref="Update"/> replaces the shown value in place (progress bars use it).</summary>
public sealed class DisplayHandle
{
    private readonly OutputSink sink;

    internal DisplayHandle(OutputSink sink, string displayId) => (this.sink, DisplayId) = (sink, displayId);

    /// <summary>Identifies the display (Jupyter's display_id).</summary>
    public string DisplayId { get; }

    /// <summary>Shows <paramref name="value"/> in place of what this display showed.</summary>
    public void Update(object? value) => sink.Update(DisplayId, value);
}

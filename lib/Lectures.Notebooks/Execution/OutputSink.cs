using Lectures.Notebooks.Formatting;

namespace Lectures.Notebooks.Execution;

/// <summary>
/// Collects the outputs of the running cell in order: console text (merged while the same stream keeps writing),
/// displays and their in-place updates, results and errors. <see cref="Changed"/> reports each change as it happens,
/// for live front ends.
/// </summary>
internal sealed class OutputSink(OutputFormatter formatter)
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<CellOutput>> displays = new();
    private List<CellOutput> current = [];
    private int nextDisplay;

    /// <summary>Raised after an output is added (<c>isUpdate</c> false) or a display is replaced (true).</summary>
    public event Action<CellOutput, bool>? Changed;

    /// <summary>Starts collecting a new cell's outputs into <paramref name="outputs"/>.</summary>
    public void StartCell(List<CellOutput> outputs)
    {
        lock (gate) current = outputs;
    }

    public void Write(string stream, string text)
    {
        if (text.Length == 0) return;
        StreamOutput output;
        lock (gate)
        {
            if (current.Count > 0 && current[^1] is StreamOutput last && last.Name == stream)
                current[^1] = output = last with { Text = last.Text + text };
            else
                current.Add(output = new StreamOutput(stream, text));
        }
        Changed?.Invoke(new StreamOutput(stream, text), false);
    }

    public DisplayHandle Display(object? value, string[] mimeTypes)
    {
        DisplayOutput output;
        lock (gate)
        {
            output = new DisplayOutput(formatter.Format(value, mimeTypes), $"display-{++nextDisplay}");
            current.Add(output);
            displays[output.DisplayId] = current;
        }
        Changed?.Invoke(output, false);
        return new DisplayHandle(this, output.DisplayId);
    }

    public void Update(string displayId, object? value)
    {
        DisplayOutput output;
        lock (gate)
        {
            if (!displays.TryGetValue(displayId, out var outputs))
                throw new ArgumentException($"No display with id '{displayId}'.", nameof(displayId));
            var index = outputs.FindIndex(o => o is DisplayOutput d && d.DisplayId == displayId);
            outputs[index] = output = new DisplayOutput(formatter.Format(value, []), displayId);
        }
        Changed?.Invoke(output, true);
    }

    public void Add(CellOutput output)
    {
        lock (gate) current.Add(output);
        Changed?.Invoke(output, false);
    }
}

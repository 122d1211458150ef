using System.Text;
using Lectures.Notebooks.Formatting;

namespace Lectures.Notebooks.Execution;

/// <summary>
/// Collects the outputs of the running cell in order: console text (merged while the same stream keeps writing),
/// displays and their in-place updates, results and errors. <see cref="Changed"/> reports each change as it happens,
/// for live front ends. Output is an interruption point (<see cref="CellInterruption"/>).
/// </summary>
internal sealed class OutputSink
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<CellOutput>> displays = new();
    private List<CellOutput> current = [];
    // The text of current[^1] while one stream keeps writing, so a cell printing megabytes line by line costs linear time.
    private StringBuilder? open;
    private int nextDisplay;

    /// <summary>Raised after an output is added (<c>isUpdate</c> false) or a display is replaced (true).</summary>
    public event Action<CellOutput, bool>? Changed;

    /// <summary>Starts collecting a new cell's outputs into <paramref name="outputs"/>.</summary>
    public void StartCell(List<CellOutput> outputs)
    {
        lock (gate)
        {
            Close();
            current = outputs;
        }
    }

    /// <summary>Completes the running cell's outputs (its last stream's text).</summary>
    public void EndCell()
    {
        lock (gate) Close();
    }

    public void Write(string stream, string text)
    {
        CellInterruption.Check();
        if (text.Length == 0) return;
        lock (gate)
        {
            if (current.Count > 0 && current[^1] is StreamOutput last && last.Name == stream)
                (open ??= new StringBuilder(last.Text)).Append(text);
            else
            {
                Close();
                current.Add(new StreamOutput(stream, text));
            }
        }
        Changed?.Invoke(new StreamOutput(stream, text), false);
    }

    private void Close()
    {
        if (open is null) return;
        current[^1] = (StreamOutput)current[^1] with { Text = open.ToString() };
        open = null;
    }

    public DisplayHandle Display(object? value, string[] mimeTypes)
    {
        CellInterruption.Check();
        DisplayOutput output;
        lock (gate)
        {
            output = new DisplayOutput(OutputFormatter.Format(value, mimeTypes), $"display-{++nextDisplay}");
            Close();
            current.Add(output);
            displays[output.DisplayId] = current;
        }
        Changed?.Invoke(output, false);
        return new DisplayHandle(this, output.DisplayId);
    }

    public void Update(string displayId, object? value)
    {
        CellInterruption.Check();
        DisplayOutput output;
        lock (gate)
        {
            if (!displays.TryGetValue(displayId, out var outputs))
                throw new ArgumentException($"No display with id '{displayId}'.", nameof(displayId));
            var index = outputs.FindIndex(o => o is DisplayOutput d && d.DisplayId == displayId);
            outputs[index] = output = new DisplayOutput(OutputFormatter.Format(value, []), displayId);
        }
        Changed?.Invoke(output, true);
    }

    public void Add(CellOutput output)
    {
        lock (gate)
        {
            Close();
            current.Add(output);
        }
        Changed?.Invoke(output, false);
    }
}

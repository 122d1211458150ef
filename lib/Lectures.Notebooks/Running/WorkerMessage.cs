using System.Text.Json;

namespace Lectures.Notebooks.Running;

/// <summary>
/// One line a worker sends the runner on its standard output, marked so that anything else printed there
/// (by native libraries, say) is not mistaken for it.
/// </summary>
/// <param name="Event">"start" (a cell begins), "end" (it finished) or "done" (the notebook finished).</param>
/// <param name="Cell">The cell's number in the notebook, from 1.</param>
/// <param name="Cells">How many cells the notebook has.</param>
/// <param name="Milliseconds">How long the cell took ("end").</param>
/// <param name="Error">"line N: Name: message" when the cell failed.</param>
/// <param name="ErrorLine">The line of the cell the error is on, when known.</param>
internal sealed record WorkerMessage(string Event, int Cell = 0, int Cells = 0, double Milliseconds = 0, string? Error = null, int? ErrorLine = null)
{
    public const string Marker = "\u001e@lectures ";

    public string ToLine() => Marker + JsonSerializer.Serialize(this);

    public static WorkerMessage? TryParse(string line) =>
        line.StartsWith(Marker, StringComparison.Ordinal) ? JsonSerializer.Deserialize<WorkerMessage>(line[Marker.Length..]) : null;
}

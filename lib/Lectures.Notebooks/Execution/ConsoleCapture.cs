using System.Text;

namespace Lectures.Notebooks.Execution;

/// <summary>A Console.Out or Console.Error replacement that turns what cells print into stream outputs.</summary>
internal sealed class ConsoleCapture(OutputSink sink, string stream) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => sink.Write(stream, value.ToString());

    public override void Write(string? value) => sink.Write(stream, value ?? "");

    public override void Write(char[] buffer, int index, int count) => sink.Write(stream, new string(buffer, index, count));
}

namespace Lectures.Figures;

/// <summary>One drawn figure: its file name (without .svg), the SVG text, and what it shows.</summary>
/// <param name="Name">File name without the extension, e.g. <c>rnn-unrolled</c>.</param>
/// <param name="Title">One line on what it shows: the SVG's title, and the alt text of the image link to it.</param>
/// <param name="Svg">The whole SVG document.</param>
public sealed record Figure(string Name, string Title, string Svg)
{
    /// <summary>The file name, e.g. <c>rnn-unrolled.svg</c>.</summary>
    public string FileName => Name + ".svg";
}

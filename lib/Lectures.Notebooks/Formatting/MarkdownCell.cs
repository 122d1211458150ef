using Markdig;

namespace Lectures.Notebooks.Formatting;

/// <summary>
/// A <c>#!markdown</c> cell's output, as .NET Interactive gives it: the cell's text without the magic, rendered by
/// Markdig with the mathematics and advanced extensions, shown as HTML.
/// </summary>
public static class MarkdownCell
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseMathematics().UseAdvancedExtensions().Build();

    /// <summary>The HTML for a cell whose text is <paramref name="cell"/>, magic line included.</summary>
    public static string Html(string cell) => Markdown.ToHtml(cell.Replace("#!markdown", "").Trim(), Pipeline);
}

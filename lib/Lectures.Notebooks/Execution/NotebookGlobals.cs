using Microsoft.AspNetCore.Html;

namespace Lectures.Notebooks.Execution;

/// <summary>The functions every cell can call without a prefix, as in .NET Interactive: <c>display</c> and <c>HTML</c>.</summary>
public sealed class NotebookGlobals
{
    private readonly OutputSink sink;

    internal NotebookGlobals(OutputSink sink) => this.sink = sink;

    /// <summary>Shows <paramref name="value"/> below the cell now; the handle's <c>Update</c> replaces it later.</summary>
    /// <param name="value">Anything: text, HTML, a chart, an object.</param>
    /// <param name="mimeTypes">Restricts the formats shown (e.g. "text/plain"); all when empty.</param>
    public DisplayHandle display(object? value, params string[] mimeTypes) => sink.Display(value, mimeTypes);

    /// <summary>Marks <paramref name="html"/> as HTML to show as it is.</summary>
    public IHtmlContent HTML(string html) => new HtmlString(html);
}

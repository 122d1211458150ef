using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Lectures.Notebooks.Site;

/// <summary>
/// A Markdown cell as HTML, through Markdig (CommonMark) with its pipe-table and mathematics extensions: a formula
/// <c>$…$</c> becomes <c>&lt;span class="math"&gt;\(…\)&lt;/span&gt;</c> and <c>$$…$$</c> a <c>div</c> with <c>\[…\]</c>, its
/// TeX left as written (only HTML-escaped), for the page's KaTeX to draw. A <c>$$…$$</c> inside a line of text stays a
/// displayed formula (<c>\[…\]</c>; Markdig's own renderer would make it inline). Raw HTML in the Markdown is shown as text,
/// not passed through: the grader renders students' cells with this too.
/// </summary>
public static class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseMathematics().DisableHtml().Build();

    /// <summary>Converts one Markdown cell.</summary>
    /// <param name="markdown">The cell's source.</param>
    /// <param name="relativeLink">
    /// Rewrites relative link and image addresses (e.g. <c>figures/x.svg</c>), for a page that lives somewhere else than
    /// its notebook; absolute addresses and <c>#anchors</c> are left alone.
    /// </param>
    public static string Convert(string markdown, Func<string, string>? relativeLink = null)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        if (relativeLink is not null)
            foreach (var link in document.Descendants<LinkInline>())
                if (link.Url is { Length: > 0 } url && IsRelative(url)) link.Url = relativeLink(url);
        using var html = new StringWriter();
        var renderer = new HtmlRenderer(html);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new DisplayedMathInline());
        renderer.Render(document);
        return html.ToString();
    }

    /// <summary>Markdig's inline formula, with <c>$$…$$</c> written as a displayed one.</summary>
    private sealed class DisplayedMathInline : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline math)
        {
            var display = math.DelimiterCount == 2;
            renderer.Write("<span").WriteAttributes(math).Write(display ? ">\\[" : ">\\(");
            renderer.WriteEscape(ref math.Content);
            renderer.Write(display ? "\\]</span>" : "\\)</span>");
        }
    }

    private static bool IsRelative(string url) => !url.StartsWith('#') && !url.StartsWith('/') && !Uri.TryCreate(url, UriKind.Absolute, out _);
}

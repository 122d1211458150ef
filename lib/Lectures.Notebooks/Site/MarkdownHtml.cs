using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Lectures.Notebooks.Site;

/// <summary>
/// A Markdown cell as HTML, through Markdig (CommonMark) with its pipe-table and mathematics extensions: a formula
/// <c>$…$</c> becomes <c>&lt;span class="math"&gt;\(…\)&lt;/span&gt;</c> and <c>$$…$$</c> a <c>div</c> with <c>\[…\]</c>, its
/// TeX left as written (only HTML-escaped), for the page's KaTeX to draw. Two additions make it read formulas as Jupyter
/// does: a <c>$$…$$</c> inside a paragraph stays a displayed formula (<c>\[…\]</c>; Markdig's renderer makes it inline),
/// and a formula may run over several lines of its paragraph (Markdig's inline formulas stop at a line break). Raw HTML in the Markdown is shown as text,
/// not passed through: the grader renders students' cells with this too.
/// </summary>
public static class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseMathematics().Use(new MultilineMath()).DisableHtml().Build();

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

    /// <summary>
    /// A formula (<c>$…$</c> or <c>$$…$$</c>) in a paragraph that spans lines, read before Markdig's own inline formulas
    /// (which stop at a line break and leave it as text), with their rules: no space just inside a single <c>$</c>, no
    /// digit just after the closing one ("$5 … $6" stays text). TeX treats the line breaks as spaces.
    /// </summary>
    private sealed class MultilineMath : InlineParser, IMarkdownExtension
    {
        public MultilineMath() => OpeningCharacters = ['$'];

        public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.InlineParsers.InsertBefore<MathInlineParser>(this);

        public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            if (slice.PeekCharExtra(-1) is '$' or '\\') return false;
            var text = slice.Text;
            var dollars = slice.PeekChar() == '$' ? 2 : 1;
            var start = slice.Start + dollars;
            var close = start;
            while ((close = text.IndexOf('$', close)) >= 0 && close <= slice.End && text[close - 1] == '\\') close++;
            if (close < 0 || close > slice.End || close == start || text.AsSpan(start, close - start).IndexOfAny('\n', '\r') < 0) return false;
            var after = close + dollars <= slice.End ? text[close + dollars] : ' ';
            if (dollars == 2 && !text.AsSpan(close).StartsWith("$$")) return false;
            if (dollars == 1 && (char.IsWhiteSpace(text[start]) || char.IsWhiteSpace(text[close - 1]) || char.IsDigit(after) || after == '$')) return false;
            var math = new MathInline { Delimiter = '$', DelimiterCount = dollars, Content = new StringSlice(text, start, close - 1) };
            math.GetAttributes().AddClass("math");
            processor.Inline = math;
            slice.Start = close + dollars;
            return true;
        }
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

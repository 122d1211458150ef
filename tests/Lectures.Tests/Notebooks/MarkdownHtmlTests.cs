using Lectures.Notebooks.Site;

namespace Lectures.Tests.Notebooks;

/// <summary>The site's Markdown, through Markdig: what the notebooks' prose uses, formulas left for KaTeX, raw HTML shown as text.</summary>
[Trait("Category", "Notebooks")]
public class MarkdownHtmlTests
{
    [Fact]
    public void Formulas_reach_katex_as_written_with_no_emphasis_inside()
    {
        var html = MarkdownHtml.Convert("The step $h_t = f(W h_{t-1})$ and $a*b*c < d$.\n\n$$\\sum_{k=1}^{t} \\partial h_t / \\partial h_k$$\n\n$$\na_t = W h_{t-1}\n$$");
        Assert.Contains("<span class=\"math\">\\(h_t = f(W h_{t-1})\\)</span>", html);
        Assert.Contains("<span class=\"math\">\\(a*b*c &lt; d\\)</span>", html);
        Assert.Contains("<span class=\"math\">\\[\\sum_{k=1}^{t} \\partial h_t / \\partial h_k\\]</span>", html);   // displayed, though on one line
        Assert.Contains("<div class=\"math\">\n\\[\na_t = W h_{t-1}\n\\]</div>", html);
        Assert.DoesNotContain("<em>", html);
    }

    [Fact]
    public void A_formula_may_run_over_several_lines_of_a_paragraph_and_prices_stay_text()
    {
        var html = MarkdownHtml.Convert("so:\n\n$$\\frac{\\partial h_t}{\\partial W} = a_{t-1} * b\n= \\sum_k c_k.$$\n\nThen $P(y_t \\mid\ny_{<t})$, not $5 or\n$6.");
        Assert.Equal("<p>so:</p>\n<p><span class=\"math\">\\[\\frac{\\partial h_t}{\\partial W} = a_{t-1} * b\n= \\sum_k c_k.\\]</span></p>\n" +
                     "<p>Then <span class=\"math\">\\(P(y_t \\mid\ny_{&lt;t})\\)</span>, not $5 or\n$6.</p>\n", html);
    }

    [Fact]
    public void Lists_keep_their_continuation_lines_and_code_spans()
    {
        var html = MarkdownHtml.Convert("1. Redraw the mask, and train with\n   `p = 0.25`. What happens?\n2. Try `dropout` values.\n\nAfter.");
        Assert.Equal("<ol>\n<li>Redraw the mask, and train with\n<code>p = 0.25</code>. What happens?</li>\n<li>Try <code>dropout</code> values.</li>\n</ol>\n<p>After.</p>\n", html);
    }

    [Fact]
    public void Pipe_tables_code_and_emphasis()
    {
        var html = MarkdownHtml.Convert("| a | b |\n|---|---|\n| **x** | `y<z` |\n\n*note*");
        Assert.Contains("<table>", html);
        Assert.Contains("<th>a</th>", html);
        Assert.Contains("<td><strong>x</strong></td>", html);
        Assert.Contains("<td><code>y&lt;z</code></td>", html);
        Assert.Contains("<p><em>note</em></p>", html);
    }

    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        var html = MarkdownHtml.Convert("Padding uses <pad>; <script>alert(1)</script>");
        Assert.Contains("&lt;pad&gt;", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public void Relative_links_are_rewritten_and_absolute_ones_kept()
    {
        var html = MarkdownHtml.Convert("![gates](figures/gates.svg) [TorchSharp](https://github.com/dotnet/TorchSharp) [up](#top)", url => "notebooks/" + url);
        Assert.Contains("src=\"notebooks/figures/gates.svg\"", html);
        Assert.Contains("href=\"https://github.com/dotnet/TorchSharp\"", html);
        Assert.Contains("href=\"#top\"", html);
    }
}

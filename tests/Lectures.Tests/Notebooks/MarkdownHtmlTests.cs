using Lectures.Notebooks.Site;

namespace Lectures.Tests.Notebooks;

/// <summary>The site's Markdown subset: the constructs the notebooks' prose uses.</summary>
[Trait("Category", "Notebooks")]
public class MarkdownHtmlTests
{
    [Fact]
    public void List_items_keep_their_continuation_lines()
    {
        var html = MarkdownHtml.Convert("1. Redraw the mask, and train with\n   `p = 0.25`. What happens?\n2. Try `dropout` values.\n\nAfter.");
        Assert.Equal("<ol>\n<li>Redraw the mask, and train with <code>p = 0.25</code>. What happens?</li>\n<li>Try <code>dropout</code> values.</li>\n</ol>\n<p>After.</p>\n", html);
    }

    [Fact]
    public void Lazy_continuation_ends_at_the_next_block()
    {
        var html = MarkdownHtml.Convert("- one\nstill one\n## Next");
        Assert.Equal("<ul>\n<li>one still one</li>\n</ul>\n<h2>Next</h2>\n", html);
    }

    [Fact]
    public void Tables_code_and_emphasis()
    {
        var html = MarkdownHtml.Convert("| a | b |\n|---|---|\n| **x** | `y<z` |\n\n*note*");
        Assert.Equal("<table>\n<tr><th>a</th><th>b</th></tr>\n<tr><td><strong>x</strong></td><td><code>y&lt;z</code></td></tr>\n</table>\n<p><em>note</em></p>\n", html);
    }
}

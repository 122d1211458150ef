using System.Text.Json;
using Microsoft.Playwright;

namespace Lectures.Tests.Browser;

/// <summary>
/// What a person would look for on a page of the site once it has loaded: every chart drawn (an SVG holding its
/// traces), every formula Markdig marked drawn by KaTeX without an error, every code block highlighted by Prism, and no
/// dollar sign left in the prose (a formula that never reached KaTeX).
/// </summary>
/// <param name="Charts">Chart outputs on the page.</param>
/// <param name="Formulas">Formulas (<c>.math</c> elements).</param>
/// <param name="CodeBlocks">Code cells.</param>
public sealed record SitePageCheck(int Charts, int Formulas, int CodeBlocks)
{
    private const string Script = """
        () => {
          const charts = [...document.querySelectorAll('div[id^="plotly-chart-"]')];
          const formulas = [...document.querySelectorAll('.math')];
          const code = [...document.querySelectorAll('pre.code code')].filter(c => c.textContent.trim().length > 0);
          const prose = document.body.cloneNode(true);
          prose.querySelectorAll('pre, code, .output, .math, script, style').forEach(e => e.remove());
          return {
            charts: charts.length,
            undrawn: charts.filter(c => !(c.data && c.data.length > 0 && [...c.querySelectorAll('svg.main-svg g.plot, svg.main-svg g.pielayer')]
              .some(g => g.childElementCount > 0))).map(c => c.id),
            formulas: formulas.length,
            unrendered: formulas.filter(f => !f.querySelector('.katex')).map(f => f.textContent.slice(0, 80)),
            errors: [...document.querySelectorAll('.katex-error')].map(e => e.getAttribute('title') || e.textContent),
            code: code.length,
            plain: code.filter(c => !c.querySelector('span.token')).map(c => c.textContent.slice(0, 80)),
            dollars: (prose.textContent.match(/.{0,40}\$.{0,40}/g) || []),
          };
        }
        """;

    /// <summary>Waits until every chart on <paramref name="page"/> has its SVG, then checks it all; fails naming what is wrong.</summary>
    public static async Task<SitePageCheck> OfAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('div[id^=\"plotly-chart-\"]')].every(c => c.querySelector('svg.main-svg'))",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        var result = await page.EvaluateAsync<JsonElement>(Script);
        string[] List(string name) => result.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.True(List("undrawn").Length == 0, $"{page.Url}: charts without traces: {string.Join(", ", List("undrawn"))}");
        Assert.True(List("unrendered").Length == 0, $"{page.Url}: formulas KaTeX did not draw: {string.Join(" | ", List("unrendered"))}");
        Assert.True(List("errors").Length == 0, $"{page.Url}: KaTeX errors: {string.Join(" | ", List("errors"))}");
        Assert.True(List("plain").Length == 0, $"{page.Url}: code blocks Prism did not highlight: {string.Join(" | ", List("plain"))}");
        Assert.True(List("dollars").Length == 0, $"{page.Url}: dollar signs left in the prose: {string.Join(" | ", List("dollars"))}");
        return new SitePageCheck(result.GetProperty("charts").GetInt32(), result.GetProperty("formulas").GetInt32(), result.GetProperty("code").GetInt32());
    }
}

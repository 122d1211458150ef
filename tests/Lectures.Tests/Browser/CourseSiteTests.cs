using System.Text.Json.Nodes;
using Lectures.Notebooks.Grading;
using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Course;
using Lectures.Tests.Support;
using Microsoft.Playwright;

namespace Lectures.Tests.Browser;

/// <summary>
/// The course's site as the README's main command built it (the Course fixture's run, so the course is not executed
/// again): small enough to publish, an index a student can use, and every page drawn by a real browser with no network.
/// </summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class CourseSiteTests(CourseRun course)
{
    private string Index => Path.Combine(course.Site, "index.html");

    private static long Bytes(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    [Fact]
    public void Pages_and_assets_fit_in_15_MB_with_one_plotly_js_and_each_executed_notebook_keeps_its_own()
    {
        var pages = Directory.GetFiles(course.Site, "*.html");
        var size = pages.Sum(p => new FileInfo(p).Length) + Bytes(Path.Combine(course.Site, "assets"));
        Assert.InRange(size, 1, 15_000_000);
        Assert.Equal(["plotly.min.js"], Directory.GetFiles(Path.Combine(course.Site, "assets"), "plotly*").Select(Path.GetFileName));
        Assert.All(pages, p => Assert.DoesNotContain("* plotly.js v", File.ReadAllText(p)));
        var charted = pages.Where(p => File.ReadAllText(p).Contains("<script src=\"assets/plotly.min.js\"></script>")).ToList();
        Assert.True(charted.Count >= 10, $"only {charted.Count} pages load the shared plotly.js");
        foreach (var page in charted)
        {
            var executed = File.ReadAllText(Path.Combine(course.Site, "notebooks", Path.ChangeExtension(Path.GetFileName(page), ".ipynb")));
            Assert.Equal(1, executed.Split("* plotly.js v").Length - 1);
        }
    }

    [Fact]
    public void Index_names_the_course_groups_every_notebook_by_theme_and_lists_the_assignments_with_their_points()
    {
        var html = File.ReadAllText(Index);
        var info = JsonNode.Parse(File.ReadAllText(Repo.Path("notebooks", "course.json")))!;
        Assert.Contains($"<h1>{info["title"]!.GetValue<string>()}</h1>", html);
        foreach (var theme in info["themes"]!.AsArray()) Assert.Contains($"<h2>{System.Net.WebUtility.HtmlEncode(theme!["title"]!.GetValue<string>())}</h2>", html);
        Assert.DoesNotContain("Other notebooks", html);
        foreach (var name in CourseRun.Names)
        {
            Assert.Contains($"<a href=\"{Path.ChangeExtension(name, ".html")}\">", html);
            Assert.Contains($"<a href=\"source/{name}\" download>", html);
            Assert.Contains($"<a href=\"notebooks/{name}\" download>", html);
            Assert.True(File.Exists(Path.Combine(course.Site, "source", name)));
        }
        foreach (var path in Directory.GetFiles(Repo.Path("notebooks", "assignments"), "*.ipynb"))
        {
            var name = Path.GetFileName(path);
            var points = Notebook.Load(path).Cells.Select(GradingMarkup.Of).Where(m => m?.Role == CellRole.Test).Sum(m => m!.Points);
            Assert.Contains($"<td>{points.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}</td><td><a href=\"assignments/{name}\" download>", html);
            var handedOut = File.ReadAllText(Path.Combine(course.Site, "assignments", name));
            Assert.DoesNotContain("BEGIN SOLUTION", handedOut);
            Assert.DoesNotContain("BEGIN HIDDEN TESTS", handedOut);
        }
    }

    [SkippableFact]
    [Trait("Category", "Browser")]
    public async Task A_browser_draws_every_chart_formula_and_code_block_on_every_page_offline()
    {
        ExternalTool.Chromium.Require();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var index = await chromium.OpenAsync(new Uri(Index).AbsoluteUri);
        await SitePageCheck.OfAsync(index);
        await index.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HeadlessChromium.Screenshots, "site-index.png"), FullPage = true });
        var totals = new SitePageCheck(0, 0, 0);
        foreach (var name in CourseRun.Names)
        {
            var page = await chromium.OpenAsync(new Uri(Path.Combine(course.Site, Path.ChangeExtension(name, ".html"))).AbsoluteUri);
            var check = await SitePageCheck.OfAsync(page);
            Assert.True(check.CodeBlocks > 0 && check.Formulas > 0, $"{name}: {check}");
            totals = new SitePageCheck(totals.Charts + check.Charts, totals.Formulas + check.Formulas, totals.CodeBlocks + check.CodeBlocks);
            if (name.StartsWith("06-", StringComparison.Ordinal))
            {
                // Where a reader meets the first chart: the code above it, highlighted, and the chart drawn.
                await page.EvaluateAsync("() => { const c = document.querySelector('div[id^=\"plotly-chart-\"]'); window.scrollTo(0, c.getBoundingClientRect().top + window.scrollY - 420); }");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HeadlessChromium.Screenshots, "site-06-vanishing-exploding.png") });
            }
            await page.CloseAsync();
        }
        Assert.True(totals.Charts >= 17, $"the course's pages drew {totals}");
        Assert.Empty(chromium.Blocked);
        Assert.Empty(chromium.Errors);
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Course;
using Lectures.Tests.Support;
using Xunit.Abstractions;

namespace Lectures.Tests.Interactive;

/// <summary>
/// The differential test: every notebook (the lectures, the assignments and the kit's edge-case fixtures) executed
/// in the real .NET Interactive kernel and in the kit's engine, compared cell by cell: the text on stdout and stderr,
/// error or no error, the number of charts, and every other value shown in its final state. The engine claims .NET
/// Interactive's semantics, so any difference fails, except the kernel's own documented bugs (<see cref="KernelBugs"/>,
/// listed in the README), each of which must still show: one that no longer does fails too.
/// </summary>
[Trait("Category", "Interactive")]
[Collection(CourseCollection.Name)]
public sealed class DotnetInteractiveTests(CourseRun course, InteractiveRun kernel, ITestOutputHelper log) : IClassFixture<InteractiveRun>
{
    /// <summary>A difference between the hosts that is the kernel's fault, not the engine's.</summary>
    /// <param name="Always">The difference shows on every run (the test then insists it still does).</param>
    public sealed record KernelBug(string Notebook, int Cell, string Aspect, string Why, bool Always = true);

    /// <summary>What .NET Interactive 1.0.712001 gets wrong (it is deprecated: no more fixes), as the README lists it.</summary>
    public static readonly KernelBug[] KernelBugs =
    [
        new("edge-displays.ipynb", 1, "shown", "update_display_data carries another display_id than the display_data it updates, so Jupyter never applies it"),
        new("edge-displays.ipynb", 2, "shown", "the same, for a display updated from a later cell"),
        new("edge-displays.ipynb", 2, "stderr", "HTML() warns CS1701: the kernel's own assembly references Microsoft.AspNetCore.Html.Abstractions 2.3.0 and binds 10.0"),
        new("edge-displays.ipynb", 3, "stderr", "the same CS1701, for a cell that passes HTML() to Update"),
        new("edge-displays.ipynb", 5, "stderr", "the same CS1701, for an HTML() result"),
        new("edge-long-output.ipynb", 1, "stdout", "the stdout of a cell printing 20,000 lines stops after some thousands of lines"),
        new("edge-long-output.ipynb", 2, "stdout", "after such a cell the next one may not run at all (no execution count, no output)", Always: false),
    ];

    public static TheoryData<string> Notebooks => new(InteractiveRun.Names);

    private static bool IsLesson(string name) => !name.StartsWith("edge-", StringComparison.Ordinal);

    private string InEngine(string name) =>
        CourseRun.Names.Contains(name) ? Path.Combine(course.Site, "notebooks", name) : kernel.InEngine(name);

    private void Require()
    {
        ExternalTool.DotnetInteractive.Require();
        ExternalTool.Jupyter.Require();
    }

    [SkippableTheory, MemberData(nameof(Notebooks))]
    public void Runs_in_dotnet_interactive(string name)
    {
        Require();
        var (exit, seconds, output) = kernel.Kernel[name];
        log.WriteLine($"{name}: {seconds:F1} s in .NET Interactive");
        Assert.True(exit == 0, $"nbconvert exited with {exit}:\n{output}");
        if (!IsLesson(name)) return;
        var cells = CellOutputs.Of(kernel.InKernel(name));
        Assert.All(cells.Select((c, i) => (Cell: c, Index: i + 1)), c =>
        {
            Assert.False(c.Cell.Failed, $"{name}, cell {c.Index} failed in .NET Interactive");
            Assert.True(c.Cell.Stderr.Length == 0, $"{name}, cell {c.Index} wrote to stderr in .NET Interactive:\n{c.Cell.Stderr}");
        });
    }

    [SkippableTheory, MemberData(nameof(Notebooks))]
    public void Every_cell_shows_the_same_in_both_hosts(string name)
    {
        Require();
        var inKernel = CellOutputs.Of(kernel.InKernel(name));
        var inEngine = CellOutputs.Of(InEngine(name));
        Assert.Equal(inEngine.Count, inKernel.Count);
        var bugs = KernelBugs.Where(b => b.Notebook == name).ToList();
        var expected = bugs.Select(b => (b.Cell, b.Aspect)).ToHashSet();
        var found = new HashSet<(int, string)>();
        var unexplained = new List<string>();
        for (var i = 0; i < inKernel.Count; i++)
            foreach (var aspect in inEngine[i].DifferencesFrom(inKernel[i]))
            {
                found.Add((i + 1, aspect));
                if (!expected.Contains((i + 1, aspect)))
                    unexplained.Add($"cell {i + 1}, {aspect}:\n  engine: {Show(inEngine[i], aspect)}\n  kernel: {Show(inKernel[i], aspect)}");
            }
        Assert.True(unexplained.Count == 0, $"{name} differs between the engine and .NET Interactive:\n{string.Join("\n", unexplained)}");
        var gone = bugs.Where(b => b.Always && !found.Contains((b.Cell, b.Aspect))).Select(b => $"cell {b.Cell} {b.Aspect}").ToList();
        Assert.True(gone.Count == 0, $"{name}: documented kernel bugs that no longer show (update the README and KernelBugs): {string.Join(", ", gone)}");
        log.WriteLine($"{name}: {inKernel.Count} cells, {inKernel.Count - found.Select(f => f.Item1).Distinct().Count()} identical");
    }

    private static string Show(CellOutputs cell, string aspect) => Clip(aspect switch
    {
        "stdout" => cell.Stdout,
        "stderr" => cell.Stderr,
        "error" => cell.Failed ? "an error" : "no error",
        "charts" => $"{cell.Charts} charts",
        _ => string.Join(" | ", cell.Shown),
    });

    private static string Clip(string text) => text.Length <= 600 ? text : text[..300] + " … " + text[^300..];

    [SkippableFact]
    public void Charts_carry_plotly_js_once_per_notebook_and_fetch_nothing()
    {
        Require();
        foreach (var name in InteractiveRun.Names)
        {
            var html = Outputs(kernel.InKernel(name)).Select(o => Joined(o["data"]?["text/html"])).Where(h => h.Contains("Plotly.newPlot")).ToList();
            if (html.Count == 0) continue;
            Assert.Equal(1, html.Count(h => h.Contains("window.__lecturesDefine", StringComparison.Ordinal)));
            Assert.True(html[0].Contains("window.__lecturesDefine", StringComparison.Ordinal), $"{name}: plotly.js is not in the first chart");
            // No script element loads anything (plotly.js mentions its CDN only as the default for map data).
            Assert.DoesNotContain(html, h => Regex.IsMatch(h, "<script[^>]*\\ssrc="));
        }
    }

    [SkippableFact]
    public void A_browser_without_network_draws_every_chart_the_kernel_produced()
    {
        Require();
        ExternalTool.Chromium.Require();
        const string name = "06-vanishing-exploding.ipynb";
        var charts = CellOutputs.Of(kernel.InKernel(name)).Sum(c => c.Charts);
        Assert.InRange(charts, 2, int.MaxValue);
        var html = Directory.CreateTempSubdirectory("interactive-html-").FullName;
        var profile = Directory.CreateTempSubdirectory("chromium-").FullName;
        try
        {
            var convert = Processes.Run("jupyter", ["nbconvert", "--to", "html", kernel.InKernel(name), "--output-dir", html]);
            Assert.True(convert.ExitCode == 0, convert.Output);
            // Every request that leaves the machine goes to a proxy that is not there.
            var dom = Processes.Run(ExternalTool.ChromiumProgram, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", $"--user-data-dir={profile}",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=20000", "--dump-dom",
                new Uri(Path.Combine(html, Path.ChangeExtension(name, ".html"))).AbsoluteUri], timeout: TimeSpan.FromMinutes(3));
            Assert.Equal(charts, Regex.Matches(dom.Output, "<div id=\"plotly-chart-\\d+\"[^>]*class=\"[^\"]*js-plotly-plot").Count);
            Assert.True(Regex.Matches(dom.Output, "<svg class=\"main-svg\"").Count >= charts, "fewer drawn charts than chart outputs");
        }
        finally
        {
            Directory.Delete(html, recursive: true);
            Directory.Delete(profile, recursive: true);
        }
    }

    [SkippableFact]
    public void Every_training_cell_leaves_its_final_progress_state()
    {
        Require();
        var bars = 0;
        foreach (var name in InteractiveRun.Names.Where(IsLesson))
        {
            var inKernel = ProgressBars(kernel.InKernel(name));
            Assert.Equal(ProgressBars(InEngine(name)), inKernel);
            Assert.DoesNotContain(inKernel, bar => bar.StartsWith("0/", StringComparison.Ordinal));
            bars += inKernel.Count;
        }
        Assert.InRange(bars, 1, int.MaxValue);
    }

    /// <summary>Each progress bar a notebook shows, as "value/max status" with times masked.</summary>
    private static List<string> ProgressBars(string executed) =>
        Outputs(executed).Select(o => Joined(o["data"]?["text/html"]))
            .Select(h => Regex.Match(h, "<progress value=\"(?<value>\\d+)\" max=\"(?<max>\\d+)\"[^>]*></progress>(?<status>[^<]*)"))
            .Where(m => m.Success)
            .Select(m => Lectures.Notebooks.Checking.OutputComparer.Mask($"{m.Groups["value"]}/{m.Groups["max"]}{m.Groups["status"]}"))
            .ToList();

    private static IEnumerable<JsonObject> Outputs(string executed) =>
        Notebook.Load(executed).Cells.Where(c => c.CellType == "code").SelectMany(c => c.Outputs.OfType<JsonObject>());

    private static string Joined(JsonNode? node) =>
        node is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : node?.GetValue<string>() ?? "";
}

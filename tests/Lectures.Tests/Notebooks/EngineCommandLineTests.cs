using System.Text.Json.Nodes;
using Lectures.Notebooks.Checking;
using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Browser;
using Lectures.Tests.Support;

namespace Lectures.Tests.Notebooks;

/// <summary>
/// The runner end to end: worker processes, stop at the first error, executed notebooks that Jupyter's own tools
/// accept, and a site whose charts a real browser draws.
/// </summary>
[Trait("Category", "Notebooks")]
public class EngineCommandLineTests(EngineRun run) : IClassFixture<EngineRun>
{
    private static JsonObject[] Outputs(Notebook notebook, int codeCell) =>
        notebook.Cells.Where(c => c.CellType == "code").ElementAt(codeCell - 1).Outputs.OfType<JsonObject>().ToArray();

    private static string Plain(JsonObject output) =>
        output["output_type"]!.GetValue<string>() == "stream" ? output["text"]!.GetValue<string>() : output["data"]!["text/plain"]!.GetValue<string>();

    [Fact]
    public void Exit_code_and_report_name_each_notebook_and_the_failing_cell_and_line()
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("kit.ipynb: passed", run.Output);
        Assert.Contains("polyglot-style.ipynb: passed", run.Output);
        Assert.Contains("FAILED failing.ipynb: cell 2, line 3: System.IndexOutOfRangeException: Index was outside the bounds of the array.", run.Output);
        Assert.Contains("2 of 3 notebooks passed", run.Output);
    }

    [Fact]
    public void A_failing_notebook_stops_at_its_first_error_and_keeps_what_ran()
    {
        var notebook = Notebook.Load(run.Executed("failing.ipynb"));
        Assert.Equal("ran\n", Plain(Outputs(notebook, 1).Single()));
        Assert.Equal(["about to fail\n", "System.IndexOutOfRangeException"],
            Outputs(notebook, 2).Select(o => o["ename"]?.GetValue<string>() ?? Plain(o)));
        Assert.Empty(Outputs(notebook, 3));
    }

    [Fact]
    public void Kit_notebook_runs_the_library_with_one_copy_of_plotly_and_stays_small()
    {
        var path = run.Executed("kit.ipynb");
        var notebook = Notebook.Load(path);
        Assert.Equal("12", Plain(Outputs(notebook, 2).Single()));
        var charts = Outputs(notebook, 3).Concat(Outputs(notebook, 4)).Select(o => o["data"]!["text/html"]!.GetValue<string>()).ToArray();
        Assert.All(charts, html => Assert.Contains("Plotly.newPlot", html));
        Assert.Contains("window.__lecturesDefine", charts[0]);
        Assert.DoesNotContain("window.__lecturesDefine", charts[1]);
        Assert.Matches(@"^loss 0\.0\d{3}\n$", Plain(Outputs(notebook, 5).Single()));
        Assert.InRange(new FileInfo(path).Length, 1, 5_000_000);
    }

    [Fact]
    public void A_dotnet_interactive_notebook_with_nuget_directives_runs_unchanged()
    {
        var notebook = Notebook.Load(run.Executed("polyglot-style.ipynb"));
        var third = Outputs(notebook, 3).Select(Plain).ToArray();
        Assert.Equal("6", third[0]);
        Assert.Matches(@"^Wall time: [\d.]+ms$", third[^1]);
        Assert.Contains("2", third);
        Assert.Contains("Plotly.newPlot", Outputs(notebook, 4).Single()["data"]!["text/html"]!.GetValue<string>());
    }

    [Fact]
    public void Executed_notebooks_keep_metadata_give_every_cell_an_id_and_sources_stay_clean()
    {
        var notebook = Notebook.Load(run.Executed("kit.ipynb"));
        Assert.Equal(".net-csharp", notebook.Root["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.NotNull(notebook.Root["metadata"]!["polyglot_notebook"]);
        Assert.Equal(5, notebook.Root["nbformat_minor"]!.GetValue<int>());
        Assert.All(notebook.Cells, c => Assert.False(string.IsNullOrEmpty(c.Id)));
        Assert.All(Notebook.Load(Path.Combine(run.Sources, "kit.ipynb")).Cells.Where(c => c.CellType == "code"), c => Assert.Empty(c.Outputs));
    }

    [SkippableFact]
    public void Executed_notebooks_are_valid_nbformat_and_nbconvert_renders_them()
    {
        ExternalTool.Nbformat.Require();
        ExternalTool.Jupyter.Require();
        foreach (var name in new[] { "kit.ipynb", "failing.ipynb", "polyglot-style.ipynb" })
        {
            var validate = Processes.Run(ExternalTool.Python,
                ["-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", run.Executed(name)]);
            Assert.True(validate.Output.Trim() == "valid", $"{name}: {validate.Output}");
            var html = Path.Combine(run.Root, "nbconvert");
            var convert = Processes.Run("jupyter", ["nbconvert", "--to", "html", run.Executed(name), "--output-dir", html]);
            Assert.True(convert.ExitCode == 0, convert.Output);
            Assert.True(File.Exists(Path.Combine(html, Path.ChangeExtension(name, ".html"))));
        }
    }

    [SkippableFact]
    public async Task Site_lists_every_notebook_and_a_browser_draws_its_charts_formulas_and_code_offline()
    {
        ExternalTool.Chromium.Require();
        var index = File.ReadAllText(Path.Combine(run.Site, "index.html"));
        Assert.Contains("<a href=\"kit.html\">Kit features</a>", index);
        Assert.Contains("<span class=\"status failed\"", index);
        Assert.True(File.Exists(Path.Combine(run.Site, "assets", "katex", "fonts", "KaTeX_Main-Regular.woff2")));
        Assert.Contains("<script src=\"assets/plotly.min.js\"></script>", File.ReadAllText(Path.Combine(run.Site, "kit.html")));
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await SitePageCheck.OfAsync(await chromium.OpenAsync(new Uri(Path.Combine(run.Site, "index.html")).AbsoluteUri));
        var kit = await SitePageCheck.OfAsync(await chromium.OpenAsync(new Uri(Path.Combine(run.Site, "kit.html")).AbsoluteUri));
        Assert.Equal(new SitePageCheck(Charts: 2, Formulas: 1, CodeBlocks: 5), kit);
        Assert.Empty(chromium.Blocked);
        Assert.Empty(chromium.Errors);
    }

    [Fact]
    public void Outputs_are_the_same_with_one_worker_as_with_two()
    {
        var sequential = Path.Combine(run.Root, "sequential");
        var one = EngineRun.Engine(["run", run.Sources, "--out", sequential, "--jobs", "1"]);
        Assert.Equal(run.ExitCode, one.ExitCode);
        Assert.Contains("with 1 worker;", one.Output);
        Assert.Contains("with 2 workers;", run.Output);
        foreach (var name in new[] { "kit.ipynb", "failing.ipynb", "polyglot-style.ipynb" })
            Assert.Equal(OutputComparer.Mask(File.ReadAllText(run.Executed(name))), OutputComparer.Mask(File.ReadAllText(Path.Combine(sequential, "notebooks", name))));
    }

    [Fact]
    public void Report_prints_the_wall_time_beside_the_sum_of_notebook_times_and_progress_lines_name_their_notebook()
    {
        Assert.Matches(@"Wall time \d+\.\d s with 2 workers; the notebooks' own times add up to \d+\.\d s \(wall time / sum = \d\.\d\d\)\.", run.Output);
        var progress = run.Output.Split('\n').Where(l => l.StartsWith('[')).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, l => Assert.Matches(@"^\[\d/3\] (kit|failing|polyglot-style)\.ipynb: cell \d+/\d+ at \d+\.\d s$", l));
        Assert.DoesNotContain('\r', run.Output);
    }

    [Fact]
    public void Check_mode_passes_against_its_own_output_and_reports_a_changed_number()
    {
        var reference = Path.Combine(run.Root, "reference");
        Directory.CreateDirectory(reference);
        File.Copy(run.Executed("kit.ipynb"), Path.Combine(reference, "kit.ipynb"));
        var same = EngineRun.Engine(["check", Path.Combine(run.Sources, "kit.ipynb"), "--reference", reference]);
        Assert.True(same.ExitCode == 0, same.Output);
        Assert.Contains("1 notebooks match their reference.", same.Output);

        var changed = Notebook.Load(Path.Combine(reference, "kit.ipynb"));
        Outputs(changed, 2).Single()["data"]!["text/plain"] = "13";
        changed.Save(Path.Combine(reference, "kit.ipynb"));
        var different = EngineRun.Engine(["check", Path.Combine(run.Sources, "kit.ipynb"), "--reference", reference]);
        Assert.Equal(1, different.ExitCode);
        Assert.Contains("kit.ipynb, cell 2: expected\n    [execute_result] 13\n  but got\n    [execute_result] 12", different.Output);
    }
}

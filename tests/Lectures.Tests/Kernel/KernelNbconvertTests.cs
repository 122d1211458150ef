using System.Text.Json.Nodes;
using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Support;

namespace Lectures.Tests.Kernel;

/// <summary>Runs the kernel fixture notebooks through <c>jupyter nbconvert --execute</c> once; the tests read the results.</summary>
public sealed class NbconvertRun : IDisposable
{
    public NbconvertRun()
    {
        if (!ExternalTool.Jupyter.IsPresent) return;
        var sources = Path.Combine(Sandbox.Root, "notebooks");
        Directory.CreateDirectory(sources);
        foreach (var name in new[] { "course-features.ipynb", "errors.ipynb" })
            File.Copy(Repo.Path("tests", "Lectures.Tests", "Kernel", "Fixtures", name), Path.Combine(sources, name));
        // The fixture #r's the library relative to its folder in the repository, as the course notebooks do.
        var features = Path.Combine(sources, "course-features.ipynb");
        File.WriteAllText(features, File.ReadAllText(features).Replace("../../../../artifacts/", Repo.Path("artifacts").Replace('\\', '/') + "/"));
        Features = Nbconvert(features, "features", allowErrors: false);
        AllowedErrors = Nbconvert(Path.Combine(sources, "errors.ipynb"), "allowed", allowErrors: true);
        StoppedAtError = Nbconvert(Path.Combine(sources, "errors.ipynb"), "stopped", allowErrors: false);
    }

    public JupyterSandbox Sandbox { get; } = new();

    public (int ExitCode, string Output, string Executed) Features { get; }
    public (int ExitCode, string Output, string Executed) AllowedErrors { get; }
    public (int ExitCode, string Output, string Executed) StoppedAtError { get; }

    /// <summary>nbconvert as a student would run a .NET Interactive notebook with this kernel.</summary>
    private (int, string, string) Nbconvert(string notebook, string outputFolder, bool allowErrors)
    {
        var output = Path.Combine(Sandbox.Root, outputFolder);
        var (exit, text) = Processes.Run("jupyter",
            ["nbconvert", "--to", "notebook", "--execute", $"--ExecutePreprocessor.kernel_name={JupyterSandbox.KernelName}",
             "--ExecutePreprocessor.timeout=300", .. allowErrors ? new[] { "--allow-errors" } : [], "--output-dir", output, notebook],
            Path.GetDirectoryName(notebook), TimeSpan.FromMinutes(6), Sandbox.Environment);
        return (exit, text, Path.Combine(output, Path.GetFileName(notebook)));
    }

    public void Dispose() => Sandbox.Dispose();
}

/// <summary>
/// <c>jupyter nbconvert --to notebook --execute</c> (nbclient, a client no one here wrote) running .NET Interactive
/// notebooks (kernelspec <c>.net-csharp</c>) with this kernel through <c>--ExecutePreprocessor.kernel_name</c>:
/// offline Plotly charts, the Trainer's progress display updated in place, a small training, a display updated
/// from a later cell, and error cells with and without <c>--allow-errors</c>.
/// </summary>
[Trait("Category", "Kernel")]
public class KernelNbconvertTests(NbconvertRun run) : IClassFixture<NbconvertRun>
{
    private static JsonObject[][] Outputs(string executed) =>
        Notebook.Load(executed).Cells.Where(c => c.CellType == "code").Select(c => c.Outputs.OfType<JsonObject>().ToArray()).ToArray();

    /// <summary>nbformat stores multi-line text as a list of lines.</summary>
    private static string Joined(JsonNode? node) =>
        node is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : node!.GetValue<string>();

    private static string Text(JsonObject output) =>
        Joined(output["output_type"]!.GetValue<string>() == "stream" ? output["text"] : output["data"]!["text/plain"]);

    [SkippableFact]
    public void The_course_features_notebook_executes_without_errors()
    {
        ExternalTool.Jupyter.Require();
        Assert.True(run.Features.ExitCode == 0, run.Features.Output);
        Assert.DoesNotContain(Outputs(run.Features.Executed).SelectMany(o => o), o => o["output_type"]!.GetValue<string>() == "error");
        // The notebook keeps its .NET Interactive metadata, so it still opens there too.
        Assert.Equal(".net-csharp", Notebook.Load(run.Features.Executed).Root["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
    }

    [SkippableFact]
    public void Charts_are_offline_plotly_with_one_copy_of_the_library()
    {
        ExternalTool.Jupyter.Require();
        var cells = Outputs(run.Features.Executed);
        var first = Joined(cells[1].Single()["data"]!["text/html"]);
        var second = Joined(cells[3].Single(o => o["output_type"]!.GetValue<string>() == "execute_result")["data"]!["text/html"]);
        Assert.Contains("Plotly.newPlot", first);
        Assert.Contains("window.__lecturesDefine", first); // plotly.js itself, embedded: nothing is fetched
        Assert.DoesNotContain("<script src=", first);
        Assert.Contains("Plotly.newPlot", second);
        Assert.DoesNotContain("window.__lecturesDefine", second);
    }

    [SkippableFact]
    public void Training_shows_one_progress_display_updated_in_place_to_the_end()
    {
        ExternalTool.Jupyter.Require();
        var training = Outputs(run.Features.Executed)[2];
        var progress = Assert.Single(training, o => o["output_type"]!.GetValue<string>() == "display_data");
        var html = Joined(progress["data"]!["text/html"]);
        Assert.Contains("<b>linear fit</b>", html);
        Assert.Contains("100%", html);
        var printed = string.Concat(training.Where(o => o["output_type"]!.GetValue<string>() == "stream").Select(Text));
        var first = double.Parse(System.Text.RegularExpressions.Regex.Match(printed, @"first loss: ([\d.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var final = double.Parse(System.Text.RegularExpressions.Regex.Match(printed, @"final loss: ([\d.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(final, 0, first / 100); // y = x1 + x2 is learnt almost exactly
    }

    [SkippableFact]
    public void A_display_is_updated_from_a_later_cell()
    {
        ExternalTool.Jupyter.Require();
        var cells = Outputs(run.Features.Executed);
        Assert.Equal("updated from a later cell", Text(cells[4].Single()));
        Assert.Equal("42", Text(cells[5].Single()));
    }

    [SkippableFact]
    public void With_allow_errors_the_error_is_recorded_and_later_cells_run()
    {
        ExternalTool.Jupyter.Require();
        Assert.True(run.AllowedErrors.ExitCode == 0, run.AllowedErrors.Output);
        var cells = Outputs(run.AllowedErrors.Executed);
        Assert.Equal("before the error\n", Text(cells[0].Single()));
        var error = cells[1].Single();
        Assert.Equal("error", error["output_type"]!.GetValue<string>());
        Assert.Equal("System.FormatException", error["ename"]!.GetValue<string>());
        Assert.Equal("after the error\n", Text(cells[2].Single()));
    }

    [SkippableFact]
    public void Without_allow_errors_nbconvert_fails_naming_the_exception()
    {
        ExternalTool.Jupyter.Require();
        Assert.NotEqual(0, run.StoppedAtError.ExitCode);
        Assert.Contains("CellExecutionError", run.StoppedAtError.Output);
        Assert.Contains("System.FormatException", run.StoppedAtError.Output);
    }
}

using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Support;

namespace Lectures.Tests.Notebooks;

/// <summary>A cell that never ends costs its notebook, not the run (an empty folder is an error: see RunInputTests).</summary>
[Trait("Category", "Notebooks")]
public class EngineTimeoutTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("engine-timeout-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_hanging_cell_is_stopped_at_the_timeout_and_recorded_as_an_error()
    {
        var source = Path.Combine(root, "hanging.ipynb");
        File.Copy(Repo.Path("tests", "Lectures.Tests", "Notebooks", "Fixtures", "hanging.ipynb"), source);
        var (exit, output) = EngineRun.Engine(["run", source, "--out", Path.Combine(root, "site"), "--cell-timeout", "3"]);

        Assert.Equal(1, exit);
        Assert.Contains("hanging.ipynb: timed out", output);
        var cells = Notebook.Load(Path.Combine(root, "site", "notebooks", "hanging.ipynb")).Cells;
        Assert.Equal("first\n", cells[0].Outputs.Single()!["text"]!.GetValue<string>());
        var error = cells[1].Outputs.Single()!;
        Assert.Equal("CellTimeout", error["ename"]!.GetValue<string>());
        Assert.Equal("Cell 2 did not finish within 3 s; the run was stopped.", error["evalue"]!.GetValue<string>());
        Assert.Empty(cells[2].Outputs);
    }
}

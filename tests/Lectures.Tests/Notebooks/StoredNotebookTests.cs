using System.Text.Json.Nodes;
using Lectures.Tests.Support;

namespace Lectures.Tests.Notebooks;

/// <summary>
/// Every notebook the kit ships (lectures, assignments, worked solutions, the Interactive fixtures) keeps the keys nbformat 4's schema
/// requires of its cells, so Jupyter, nbconvert and VS Code open it, not only the kit's lenient loader: a code cell
/// without "outputs" once reached main and only nbconvert refused it.
/// </summary>
[Trait("Category", "Notebooks")]
public sealed class StoredNotebookTests
{
    public static TheoryData<string> Shipped => new(
        new[] { Repo.Path("notebooks"), Repo.Path("notebooks", "assignments"), Repo.Path("notebooks", "solutions"), Repo.Path("tests", "Lectures.Tests", "Interactive", "Fixtures") }
            .Where(Directory.Exists).SelectMany(folder => Directory.GetFiles(folder, "*.ipynb"))
            .Select(path => System.IO.Path.GetRelativePath(Repo.Path(), path)).Order(StringComparer.Ordinal));

    [Theory, MemberData(nameof(Shipped))]
    public void Every_cell_has_the_keys_nbformat_4_requires(string relativePath)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(Repo.Path(relativePath)))!.AsObject();
        Assert.Equal(4, notebook["nbformat"]!.GetValue<int>());
        var cells = notebook["cells"]!.AsArray();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!.AsObject();
            var type = cell["cell_type"]?.GetValue<string>();
            string[] required = type == "code" ? ["cell_type", "metadata", "source", "outputs", "execution_count"] : ["cell_type", "metadata", "source"];
            foreach (var key in required)
                Assert.True(cell.ContainsKey(key), $"{relativePath}, cell {i} ({type}): expected the key \"{key}\", which nbformat 4 requires; it has {string.Join(", ", cell.Select(p => p.Key))}");
            if (type == "code") Assert.True(cell["outputs"] is JsonArray, $"{relativePath}, cell {i}: expected \"outputs\" to be a list");
            else Assert.False(cell.ContainsKey("outputs"), $"{relativePath}, cell {i} ({type}): only code cells have \"outputs\"");
        }
    }
}

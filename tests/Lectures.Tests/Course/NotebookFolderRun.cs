using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Notebooks;
using Lectures.Tests.Support;

namespace Lectures.Tests.Course;

/// <summary>
/// Executes every notebook of one folder once, with the engine's command line exactly as the README's commands do,
/// and lets tests read what each notebook printed. The run is kept (<see cref="CachedRun"/>) until a notebook, the
/// data or the build changes.
/// </summary>
public abstract partial class NotebookFolderRun
{
    protected NotebookFolderRun(string cacheName, string folder)
    {
        Folder = folder;
        (var kept, var report) = CachedRun.Get(cacheName, [folder, .. CachedRun.BuiltKit], "", scratch =>
        {
            var (exitCode, output) = EngineRun.Engine(["run", folder, "--out", Path.Combine(scratch, "site")], TimeSpan.FromMinutes(40));
            return $"{exitCode}\n{output}";
        });
        Site = Path.Combine(kept, "site");
        ExitCode = int.Parse(report[..report.IndexOf('\n')], System.Globalization.CultureInfo.InvariantCulture);
        Output = report[(report.IndexOf('\n') + 1)..];
        foreach (Match m in Report().Matches(Output))
            Seconds[m.Groups["name"].Value] = double.Parse(m.Groups["seconds"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The notebooks of a folder (not its subfolders), by file name.</summary>
    public static IReadOnlyList<string> NamesIn(string folder) =>
        Directory.GetFiles(folder, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    /// <summary>The folder of source notebooks that was run.</summary>
    public string Folder { get; }

    /// <summary>The site the run wrote, executed notebooks in its notebooks/ folder.</summary>
    public string Site { get; }
    public int ExitCode { get; }
    public string Output { get; }

    /// <summary>Run time per notebook, from the runner's report.</summary>
    public Dictionary<string, double> Seconds { get; } = new();

    /// <summary>The notebook as stored.</summary>
    public Notebook Source(string name) => Notebook.Load(Path.Combine(Folder, name));

    /// <summary>The executed copy of a notebook.</summary>
    public Notebook Executed(string name) => Notebook.Load(Path.Combine(Site, "notebooks", name));

    /// <summary>Everything a notebook printed or showed as text, cell after cell.</summary>
    public string Text(string name) => string.Join("\n", Executed(name).Cells.SelectMany(c => c.CellType == "code" ? c.Outputs : [])
        .OfType<JsonObject>().Select(o => o["output_type"]!.GetValue<string>() switch
        {
            "stream" => o["text"]!.GetValue<string>(),
            "error" => $"{o["ename"]}: {o["evalue"]}",
            _ => o["data"]?["text/plain"]?.GetValue<string>() ?? "",
        }));

    /// <summary>The number printed after <paramref name="label"/> (e.g. "fixed point: 0.5708", "parameters: 131,229").</summary>
    public double Number(string name, string label)
    {
        var match = Regex.Match(Text(name), Regex.Escape(label) + @"\s*(?<n>[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?)");
        Assert.True(match.Success, $"{name} printed no number after \"{label}\"");
        return double.Parse(match.Groups["n"].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<name>\S+\.ipynb): \S+( out)? in (?<seconds>[\d.]+) s", RegexOptions.Multiline)]
    private static partial Regex Report();
}

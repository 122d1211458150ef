using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Notebooks;
using Lectures.Tests.Support;

namespace Lectures.Tests.Course;

/// <summary>
/// Executes every notebook in notebooks/ once, with the engine's command line exactly as the README's main command
/// does, and lets the course tests read what each notebook printed.
/// The run is kept in artifacts/course-run/ under a digest of everything that decides its outputs (the notebooks, the
/// data, the built library and engine). A later test run with the same inputs reads it instead of executing the
/// course again: .ci/run's fresh-machine pass and its full pass, and the differential test against .NET Interactive,
/// then share one execution per host, and a developer who only changed a test gets the course tests at once.
/// </summary>
public sealed partial class CourseRun
{
    private static readonly string Folder = Repo.Path("artifacts", "course-run");

    public CourseRun()
    {
        var digest = InputDigest();
        var stamp = Path.Combine(Folder, "inputs.sha256");
        var report = Path.Combine(Folder, "output.txt");
        if (!(File.Exists(stamp) && File.ReadAllText(stamp) == digest && File.Exists(report)))
        {
            if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
            Directory.CreateDirectory(Folder);
            var (exitCode, output) = EngineRun.Engine(["run", Repo.Path("notebooks"), "--out", Site], TimeSpan.FromMinutes(40));
            File.WriteAllText(report, $"{exitCode}\n{output}");
            File.WriteAllText(stamp, digest);
        }
        var saved = File.ReadAllText(report);
        ExitCode = int.Parse(saved[..saved.IndexOf('\n')], System.Globalization.CultureInfo.InvariantCulture);
        Output = saved[(saved.IndexOf('\n') + 1)..];
        foreach (Match m in Report().Matches(Output))
            Seconds[m.Groups["name"].Value] = double.Parse(m.Groups["seconds"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>SHA-256 over the notebooks, the data files and the built library and engine, with their paths.</summary>
    private static string InputDigest()
    {
        string[] roots = [Repo.Path("notebooks"), Repo.Path("data"), Repo.Path("artifacts", "bin", "Lectures", "release"),
            Repo.Path("artifacts", "bin", "Lectures.Notebooks", "release")];
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in roots.SelectMany(r => Directory.GetFiles(r, "*", SearchOption.AllDirectories))
                     .Where(f => Path.GetExtension(f) is ".ipynb" or ".tsv" or ".txt" or ".csv" or ".json" or ".dll" or ".svg")
                     .Order(StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(Repo.Root, file) + "\0"));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>The source notebooks, by file name.</summary>
    public static IReadOnlyList<string> Names =>
        Directory.GetFiles(Repo.Path("notebooks"), "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    /// <summary>The site the run wrote, executed notebooks in its notebooks/ folder.</summary>
    public string Site => Path.Combine(Folder, "site");
    public int ExitCode { get; }
    public string Output { get; }

    /// <summary>Run time per notebook, from the runner's report.</summary>
    public Dictionary<string, double> Seconds { get; } = new();

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

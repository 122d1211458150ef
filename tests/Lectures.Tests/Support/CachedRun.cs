using System.Security.Cryptography;
using System.Text;

namespace Lectures.Tests.Support;

/// <summary>
/// An expensive run (every notebook executed in a host) kept in artifacts/&lt;name&gt;/ under a SHA-256 digest of
/// everything that decides its outputs. A later test process with the same inputs reads the kept run instead of
/// executing again: .ci/run's fresh-machine pass and its full pass then share one execution of each notebook per
/// host, and a developer who only changed a test gets the results at once. The run writes into a scratch folder that
/// is moved into place when it finishes, so an interrupted run is never mistaken for a finished one.
/// </summary>
public static class CachedRun
{
    /// <summary>
    /// The folder holding the run's results and what <paramref name="run"/> returned (its report), running it first
    /// unless a finished run with the same inputs is kept.
    /// </summary>
    /// <param name="name">The folder under artifacts/.</param>
    /// <param name="inputs">Folders whose notebooks, data and built assemblies decide the outputs.</param>
    /// <param name="extra">Anything else that decides them (e.g. a tool's version).</param>
    /// <param name="run">Writes the results into the folder it is given and returns a report.</param>
    public static (string Folder, string Report) Get(string name, IEnumerable<string> inputs, string extra, Func<string, string> run)
    {
        var folder = Repo.Path("artifacts", name);
        var stamp = Path.Combine(folder, "inputs.sha256");
        var report = Path.Combine(folder, "report.txt");
        var digest = Digest(inputs, extra);
        if (File.Exists(stamp) && File.ReadAllText(stamp) == digest && File.Exists(report)) return (folder, File.ReadAllText(report));

        var scratch = folder + ".running";
        if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        Directory.CreateDirectory(scratch);
        var text = run(scratch);
        File.WriteAllText(Path.Combine(scratch, "report.txt"), text);
        File.WriteAllText(Path.Combine(scratch, "inputs.sha256"), digest);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.Move(scratch, folder);
        return (folder, text);
    }

    /// <summary>The notebooks, data files and built assemblies below <paramref name="inputs"/>, with their paths.</summary>
    private static string Digest(IEnumerable<string> inputs, string extra)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(extra + "\0"));
        foreach (var file in inputs.Where(Directory.Exists).SelectMany(r => Directory.GetFiles(r, "*", SearchOption.AllDirectories))
                     .Where(f => Path.GetExtension(f) is ".ipynb" or ".tsv" or ".txt" or ".csv" or ".json" or ".dll" or ".svg")
                     .Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(Repo.Root, file) + "\0"));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>The folders every notebook run depends on besides its notebooks: the data and the built library and engine.</summary>
    public static IEnumerable<string> BuiltKit =>
    [
        Repo.Path("data"), Repo.Path("artifacts", "bin", "Lectures", "release"), Repo.Path("artifacts", "bin", "Lectures.Notebooks", "release"),
    ];
}

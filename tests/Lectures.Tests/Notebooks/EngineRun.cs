using Lectures.Tests.Support;

namespace Lectures.Tests.Notebooks;

/// <summary>Runs the engine's command line once over copies of the fixture notebooks, two at a time; the tests read what it wrote.</summary>
public sealed class EngineRun : IDisposable
{
    public EngineRun()
    {
        Directory.CreateDirectory(Sources);
        foreach (var name in new[] { "kit.ipynb", "failing.ipynb", "polyglot-style.ipynb" })
            File.Copy(Repo.Path("tests", "Lectures.Tests", "Notebooks", "Fixtures", name), Path.Combine(Sources, name));
        // The kit fixture #r's the library relative to its folder, as the course notebooks do.
        var kit = Path.Combine(Sources, "kit.ipynb");
        File.WriteAllText(kit, File.ReadAllText(kit).Replace("../../../../artifacts/", Repo.Path("artifacts").Replace('\\', '/') + "/"));
        (ExitCode, Output) = Engine(["run", Sources, "--out", Site, "--jobs", "2"]);
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("engine-run-").FullName;
    public string Sources => Path.Combine(Root, "sources");
    public string Site => Path.Combine(Root, "site");
    public int ExitCode { get; }
    public string Output { get; }

    public string Executed(string name) => Path.Combine(Site, "notebooks", name);

    /// <summary>Runs the built engine (the same DLL the README's main command runs).</summary>
    public static (int ExitCode, string Output) Engine(IEnumerable<string> args, TimeSpan? timeout = null) =>
        Processes.Run("dotnet", [Repo.Path("artifacts", "bin", "Lectures.Notebooks", "release", "Lectures.Notebooks.dll"), .. args],
            timeout: timeout ?? TimeSpan.FromMinutes(10));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

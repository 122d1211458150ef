using System.Diagnostics;
using System.Text.Json.Nodes;
using Lectures.Tests.Notebooks;
using Lectures.Tests.Support;

namespace Lectures.Tests.Interactive;

/// <summary>
/// Executes every notebook in the real .NET Interactive kernel (the <c>.net-csharp</c> kernelspec, through
/// <c>jupyter nbconvert --execute</c> as a user would) and the notebooks the course run does not cover (the
/// assignments and the kit's edge-case fixtures) in the kit's engine, so the differential tests can set each cell's
/// outputs in both hosts side by side. Kept like the course run (<see cref="CachedRun"/>). Two notebooks run at a
/// time, each worker with its own copy of the kernelspec on its own HTTP port range: .NET Interactive picks its
/// port by probing, and two kernels starting together otherwise both take 2048 and one dies.
/// </summary>
public sealed class InteractiveRun
{
    /// <summary>The edge-case fixtures (errors, displays, magics, values, long output), run with errors allowed.</summary>
    public static readonly string[] Fixtures = ["edge-errors.ipynb", "edge-displays.ipynb", "edge-magics.ipynb", "edge-values.ipynb", "edge-long-output.ipynb"];

    public InteractiveRun()
    {
        if (!ExternalTool.DotnetInteractive.IsPresent || !ExternalTool.Jupyter.IsPresent) return;
        var version = Processes.Run("dotnet", ["interactive", "--version"]).Output.Trim();
        (Folder, var report) = CachedRun.Get("interactive-run",
            [Repo.Path("notebooks"), Repo.Path("tests", "Lectures.Tests", "Interactive", "Fixtures"), .. CachedRun.BuiltKit], version, Run);
        foreach (var line in report.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            Kernel[parts[0]] = (int.Parse(parts[1]), double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), parts[3].Replace("\\n", "\n"));
        }
    }

    /// <summary>Where the run is kept: kernel/ and engine/ hold the executed notebooks, by file name.</summary>
    public string Folder { get; } = "";

    /// <summary>Per notebook (file name): nbconvert's exit code, its wall time in seconds, and what it printed.</summary>
    public Dictionary<string, (int ExitCode, double Seconds, string Output)> Kernel { get; } = new();

    /// <summary>The lecture notebooks, the assignments and the fixtures, by file name, in the order they run.</summary>
    public static IReadOnlyList<string> Names =>
        [.. CourseRunNames(), .. Assignments().Select(Path.GetFileName)!, .. Fixtures];

    private static IEnumerable<string> CourseRunNames() => Course.CourseRun.Names;

    private static IEnumerable<string> Assignments() =>
        Directory.GetFiles(Repo.Path("notebooks", "assignments"), "*.ipynb").Order(StringComparer.Ordinal);

    /// <summary>The copy of <paramref name="name"/> the kernel executed.</summary>
    public string InKernel(string name) => Path.Combine(Folder, "kernel", name);

    /// <summary>The copy of an assignment or fixture the engine executed (lecture notebooks come from the course run).</summary>
    public string InEngine(string name) => Path.Combine(Folder, "engine", "notebooks", name);

    private static string Run(string folder)
    {
        // The fixtures #r the library relative to their folder in the repository; their copies name it in full.
        var fixtures = Path.Combine(folder, "fixtures");
        Directory.CreateDirectory(fixtures);
        foreach (var name in Fixtures)
            File.WriteAllText(Path.Combine(fixtures, name), File.ReadAllText(Repo.Path("tests", "Lectures.Tests", "Interactive", "Fixtures", name))
                .Replace("../../../../artifacts/", Repo.Path("artifacts").Replace('\\', '/') + "/"));

        var engine = Path.Combine(folder, "engine");
        var assignments = EngineRun.Engine(["run", Repo.Path("notebooks", "assignments"), "--out", engine], TimeSpan.FromMinutes(20));
        var edges = EngineRun.Engine(["run", fixtures, "--out", engine, "--allow-errors"], TimeSpan.FromMinutes(10));
        if (!File.Exists(Path.Combine(engine, "notebooks", Fixtures[0])))
            throw new InvalidOperationException($"the engine did not run the fixtures:\n{assignments.Output}\n{edges.Output}");

        var jobs = new List<(string Source, bool AllowErrors)>();
        jobs.AddRange(Course.CourseRun.Names.Select(n => (Repo.Path("notebooks", n), false)));
        jobs.AddRange(Assignments().Select(a => (a, false)));
        jobs.AddRange(Fixtures.Select(n => (Path.Combine(fixtures, n), true)));
        var kernelSpecs = new[] { KernelSpecCopy(folder, 1, "2048-2499"), KernelSpecCopy(folder, 2, "2500-2999") };
        var output = Path.Combine(folder, "kernel");
        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        var next = -1;
        var workers = kernelSpecs.Select(spec => Task.Run(() =>
        {
            for (var i = Interlocked.Increment(ref next); i < jobs.Count; i = Interlocked.Increment(ref next))
            {
                var (source, allowErrors) = jobs[i];
                var watch = Stopwatch.StartNew();
                var (exit, text) = Processes.Run("jupyter",
                    ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=.net-csharp",
                     "--ExecutePreprocessor.timeout=600", .. allowErrors ? new[] { "--allow-errors" } : [], "--output-dir", output, source],
                    Path.GetDirectoryName(source), TimeSpan.FromMinutes(15), spec);
                var seconds = watch.Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
                results[Path.GetFileName(source)] = $"{exit}\t{seconds}\t{text.Replace("\t", " ").Replace("\n", "\\n")}";
            }
        })).ToArray();
        Task.WaitAll(workers);
        return string.Join("\n", jobs.Select(j => Path.GetFileName(j.Source)).Select(n => $"{n}\t{results[n]}"));
    }

    /// <summary>
    /// A Jupyter data folder holding a copy of the installed <c>.net-csharp</c> kernelspec whose only change is its
    /// HTTP port range; returns the environment that makes Jupyter use it.
    /// </summary>
    private static Dictionary<string, string> KernelSpecCopy(string folder, int worker, string ports)
    {
        var installed = ExternalTool.DotnetInteractiveKernelSpec()!;
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(installed, "kernel.json")))!.AsObject();
        var argv = spec["argv"]!.AsArray();
        for (var i = 0; i < argv.Count - 1; i++)
            if (argv[i]!.GetValue<string>() == "--http-port-range") argv[i + 1] = ports;
        var data = Path.Combine(folder, $"jupyter-{worker}");
        Directory.CreateDirectory(Path.Combine(data, "kernels", ".net-csharp"));
        File.WriteAllText(Path.Combine(data, "kernels", ".net-csharp", "kernel.json"), spec.ToJsonString());
        return new() { ["JUPYTER_PATH"] = data };
    }
}

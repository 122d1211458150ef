using System.Text.Json.Nodes;
using Lectures.Tests.Support;

namespace Lectures.Tests.Kernel;

/// <summary>
/// A private Jupyter set-up for one test class: JUPYTER_DATA_DIR, JUPYTER_PATH, config and runtime folders in a
/// temporary folder (nothing touches the user's real Jupyter), the kernel installed there with the engine's own
/// <c>kernel install</c>, and Debian's Python with jupyter_client to drive it (tests that use it call
/// <see cref="ExternalTool.Jupyter"/>'s <c>Require</c> first, so they are skipped where it is absent).
/// </summary>
public sealed class JupyterSandbox : IDisposable
{
    /// <summary>The kernelspec name the engine installs.</summary>
    public const string KernelName = "rnn-lectures-csharp";

    /// <summary>Debian's Python, which has the apt-installed Jupyter packages.</summary>
    public static readonly string Python = ExternalTool.Python;

    public JupyterSandbox()
    {
        Directory.CreateDirectory(DataDir);
        var install = Engine(["kernel", "install"]);
        Assert.True(install.ExitCode == 0, install.Output);
        InstallOutput = install.Output;
    }

    /// <summary>The temporary folder everything lives in.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("jupyter-sandbox-").FullName;

    /// <summary>The sandbox's JUPYTER_DATA_DIR.</summary>
    public string DataDir => Path.Combine(Root, "data");

    /// <summary>What <c>kernel install</c> printed.</summary>
    public string InstallOutput { get; }

    /// <summary>The installed kernel.json.</summary>
    public JsonObject KernelJson => JsonNode.Parse(File.ReadAllText(Path.Combine(DataDir, "kernels", KernelName, "kernel.json")))!.AsObject();

    /// <summary>The variables that keep Jupyter inside the sandbox.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["JUPYTER_DATA_DIR"] = DataDir, ["JUPYTER_PATH"] = DataDir,
        ["JUPYTER_CONFIG_DIR"] = Path.Combine(Root, "config"), ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Root, "runtime"),
        ["JUPYTER_PLATFORM_DIRS"] = "0",
    };

    /// <summary>Runs the built engine with the sandbox's environment.</summary>
    public (int ExitCode, string Output) Engine(IEnumerable<string> args) =>
        Processes.Run("dotnet", [Repo.Path("artifacts", "bin", "Lectures.Notebooks", "release", "Lectures.Notebooks.dll"), .. args],
            Root, TimeSpan.FromMinutes(2), Environment);

    /// <summary>Runs a Python script from tests/Lectures.Tests/Kernel with the sandbox's environment.</summary>
    public (int ExitCode, string Output) Script(string name, IEnumerable<string> args, TimeSpan timeout) =>
        Processes.Run(Python, [Repo.Path("tests", "Lectures.Tests", "Kernel", name), .. args], Root, timeout, Environment);

    /// <summary>The JSON object a script printed on its last line (the report), failing with its whole output otherwise.</summary>
    public static JsonObject Report((int ExitCode, string Output) run)
    {
        var last = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        Assert.True(run.ExitCode == 0 && last is not null, $"the script failed (exit {run.ExitCode}):\n{run.Output}");
        return JsonNode.Parse(last!)!.AsObject();
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

using System.Text.Json.Nodes;
using Lectures.Tests.Support;

namespace Lectures.Tests.Kernel;

/// <summary>Runs kernel_client.py (Debian's jupyter_client against the kernel) once; the tests read its report.</summary>
public sealed class KernelProtocolRun : IDisposable
{
    public KernelProtocolRun()
    {
        if (!ExternalTool.Jupyter.IsPresent) return;
        var run = Sandbox.Script("kernel_client.py", [JupyterSandbox.KernelName, Repo.Path("artifacts", "bin", "Lectures", "release")], TimeSpan.FromMinutes(5));
        Output = run.Output;
        Report = JupyterSandbox.Report(run);
    }

    public JupyterSandbox Sandbox { get; } = new();

    /// <summary>What the client observed.</summary>
    public JsonObject Report { get; } = [];

    /// <summary>Everything the client and the kernel printed (the kernel logs to its standard error).</summary>
    public string Output { get; } = "";

    public void Dispose() => Sandbox.Dispose();
}

using System.Diagnostics;

namespace Lectures.Notebooks.Execution;

/// <summary>
/// Environment variables for every process that runs notebook code (workers, the kernel), set unless the user
/// already chose a value. They must be in place before libtorch starts, so they go into the process's start
/// information. The helper library sets the same ones for itself when it loads (Lectures.Hosting.TorchNatives), in
/// any host; these cover notebooks that use TorchSharp without the library.
/// </summary>
public static class TorchEnvironment
{
    /// <summary>
    /// ONEDNN_MAX_CPU_ISA=AVX2: libtorch 2.10's oneDNN kernels for AVX-512 compute wrong LSTM outputs in inference
    /// mode on AMD Zen 5 (TorchSharp's nn.LSTM under no_grad: validation MSE 0.156 instead of 0.0017, same weights).
    /// Capping oneDNN at AVX2 fixes that and makes its results the same on every x64 CPU; the kit's models are too
    /// small for the wider vectors to matter.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>
    {
        ["ONEDNN_MAX_CPU_ISA"] = "AVX2",
    };

    /// <summary>Adds each variable the current environment does not set already.</summary>
    public static void ApplyTo(ProcessStartInfo start)
    {
        foreach (var (name, value) in Variables)
            if (Environment.GetEnvironmentVariable(name) is null) start.Environment[name] = value;
    }
}

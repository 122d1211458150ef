using System.Text.Json;
using System.Text.Json.Nodes;
using Lectures.Notebooks.Execution;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// Installs and removes the kernel's kernelspec for the current user: a folder named <see cref="KernelInfo.Name"/>
/// in Jupyter's user data directory holding a kernel.json whose argv starts this engine. .NET Interactive's
/// <c>.net-csharp</c> kernelspec, if any, is a different folder and is never touched.
/// </summary>
public static class KernelSpecInstaller
{
    /// <summary>
    /// Jupyter's kernels folder for the current user, as jupyter_core finds it: $JUPYTER_DATA_DIR/kernels, else
    /// %APPDATA%\jupyter\kernels on Windows, ~/Library/Jupyter/kernels on macOS, $XDG_DATA_HOME/jupyter/kernels or
    /// ~/.local/share/jupyter/kernels on Linux.
    /// </summary>
    public static string KernelsDirectory()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var data = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } dir ? dir
            : OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter")
            : OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Jupyter")
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".local", "share"), "jupyter");
        return Path.Combine(Path.GetFullPath(data), "kernels");
    }

    /// <summary>The kernel.json that starts <paramref name="engine"/> (the engine's DLL, an absolute path).</summary>
    public static JsonObject Spec(string engine) => new()
    {
        ["argv"] = new JsonArray("dotnet", engine, "kernel", "--connection-file", "{connection_file}"),
        ["display_name"] = KernelInfo.DisplayName,
        ["language"] = KernelInfo.Language,
        ["interrupt_mode"] = "message",
        // the kernel runs cells in its own process, so libtorch's environment comes from Jupyter's launch
        ["env"] = new JsonObject(TorchEnvironment.Variables.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
        ["metadata"] = new JsonObject { ["debugger"] = false },
    };

    /// <summary>Writes the kernelspec for this engine's DLL (kernel.json through a temporary file and a move); returns its folder.</summary>
    public static string Install()
    {
        var folder = Path.Combine(KernelsDirectory(), KernelInfo.Name);
        var engine = typeof(KernelSpecInstaller).Assembly.Location;
        AtomicFile.WriteAllText(Path.Combine(folder, "kernel.json"), Spec(engine).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return folder;
    }

    /// <summary>Removes the kernelspec; returns its folder, or null when it was not installed.</summary>
    public static string? Uninstall()
    {
        var folder = Path.Combine(KernelsDirectory(), KernelInfo.Name);
        if (!Directory.Exists(folder)) return null;
        Directory.Delete(folder, recursive: true);
        return folder;
    }
}

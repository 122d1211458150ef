using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using TorchSharp;

namespace Lectures.Hosting;

/// <summary>
/// Loads TorchSharp's native libraries from <c>runtimes/&lt;rid&gt;/native/</c> beside TorchSharp.dll or Lectures.dll,
/// the copies the build patched (build/PatchLibTorchSharp.cs). Only an application's own deps.json points there; a
/// notebook host that <c>#r</c>'s the library (.NET Interactive) leaves TorchSharp to its fallback, which copies the
/// unpatched library out of the NuGet cache and fails on Debian 12 and Ubuntu 22.04 (<c>GLIBCXX_3.4.32</c>).
/// TorchSharp's own advice is to load the right file before first use. TorchSharp probes with
/// <c>NativeLibrary.TryLoad(name, assembly, …)</c>, which consults no DllImport resolver, only the load context: so
/// this answers the context's <c>ResolvingUnmanagedDll</c> event, raised when the runtime's own search found nothing
/// (an application with a deps.json finds the same files itself and never asks).
/// Also sets libtorch's defaults (<see cref="Defaults"/>) while libtorch is not loaded yet.
/// </summary>
internal static class TorchNatives
{
    /// <summary>
    /// ONEDNN_MAX_CPU_ISA=AVX2: libtorch 2.10's oneDNN kernels for AVX-512 compute wrong LSTM outputs in inference mode
    /// on AMD Zen 5 (TorchSharp's nn.LSTM under no_grad); AVX2 is right everywhere and gives the same numbers on every
    /// x64 CPU. A value the user set is kept.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        ["ONEDNN_MAX_CPU_ISA"] = "AVX2",
    };

    public static void Register()
    {
        foreach (var (name, value) in Defaults) SetIfUnset(name, value);
        var torchSharp = typeof(torch).Assembly;
        var context = AssemblyLoadContext.GetLoadContext(torchSharp) ?? AssemblyLoadContext.Default;
        context.ResolvingUnmanagedDll += (assembly, name) => assembly == torchSharp ? Resolve(name, assembly) : IntPtr.Zero;
    }

    private static IntPtr Resolve(string name, Assembly assembly)
    {
        foreach (var folder in NativeFolders(assembly))
            foreach (var file in FileNames(name))
            {
                var path = Path.Combine(folder, file);
                if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
            }
        return IntPtr.Zero;
    }

    private static IEnumerable<string> NativeFolders(Assembly torchSharp)
    {
        string[] rids = [RuntimeInformation.RuntimeIdentifier, PortableRid()];
        return new[] { torchSharp.Location, typeof(TorchNatives).Assembly.Location }
            .Where(location => location.Length > 0)
            .Select(location => Path.GetDirectoryName(location)!)
            .Distinct()
            .SelectMany(root => rids.Distinct().Select(rid => Path.Combine(root, "runtimes", rid, "native")))
            .Where(Directory.Exists);
    }

    private static string PortableRid() =>
        $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";

    private static string[] FileNames(string name) =>
        OperatingSystem.IsWindows() ? [name + ".dll", name]
        : OperatingSystem.IsMacOS() ? [$"lib{name}.dylib", name + ".dylib", name]
        : [$"lib{name}.so", name + ".so", name];

    /// <summary>
    /// Sets a variable for native code too: on Linux and macOS .NET keeps its own copy of the environment, which
    /// libtorch (C's getenv) never sees, so the C library's setenv is called as well.
    /// </summary>
    private static void SetIfUnset(string name, string value)
    {
        if (Environment.GetEnvironmentVariable(name) is not null) return;
        Environment.SetEnvironmentVariable(name, value);
        if (OperatingSystem.IsLinux()) _ = SetEnvLinux(name, value, 0);
        else if (OperatingSystem.IsMacOS()) _ = SetEnvMacOS(name, value, 0);
    }

    [DllImport("libc.so.6", EntryPoint = "setenv")]
    private static extern int SetEnvLinux(string name, string value, int overwrite);

    [DllImport("libSystem.dylib", EntryPoint = "setenv")]
    private static extern int SetEnvMacOS(string name, string value, int overwrite);
}

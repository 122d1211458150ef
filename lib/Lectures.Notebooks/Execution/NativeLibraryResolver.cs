using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Lectures.Notebooks.Execution;

/// <summary>
/// Finds native libraries (TorchSharp's libtorch) for assemblies a notebook references from a folder: NuGet lays
/// them out as runtimes/&lt;rid&gt;/native/ beside the assembly, which only an application's own deps.json points to.
/// Every load context that loads an assembly gets the same lookup.
/// </summary>
internal sealed class NativeLibraryResolver : IDisposable
{
    private readonly Func<IEnumerable<string>> folders;
    private readonly HashSet<AssemblyLoadContext> hooked = [];

    public NativeLibraryResolver(Func<IEnumerable<string>> folders)
    {
        this.folders = folders;
        Hook(AssemblyLoadContext.Default);
        AppDomain.CurrentDomain.AssemblyLoad += OnAssemblyLoad;
    }

    private void OnAssemblyLoad(object? sender, AssemblyLoadEventArgs args)
    {
        if (AssemblyLoadContext.GetLoadContext(args.LoadedAssembly) is { } context) Hook(context);
    }

    private void Hook(AssemblyLoadContext context)
    {
        lock (hooked)
            if (hooked.Add(context)) context.ResolvingUnmanagedDll += Resolve;
    }

    private IntPtr Resolve(Assembly assembly, string name)
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var generic = $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
        string[] files = OperatingSystem.IsWindows() ? [name, name + ".dll"]
            : OperatingSystem.IsMacOS() ? [name, $"lib{name}.dylib", name + ".dylib"]
            : [name, $"lib{name}.so", name + ".so"];
        var owner = Path.GetDirectoryName(assembly.Location);
        var roots = owner is { Length: > 0 } ? folders().Prepend(owner) : folders();
        foreach (var root in roots.Distinct())
            foreach (var folder in new[] { Path.Combine(root, "runtimes", rid, "native"), Path.Combine(root, "runtimes", generic, "native"), root })
                foreach (var file in files)
                    if (File.Exists(Path.Combine(folder, file)) && NativeLibrary.TryLoad(Path.Combine(folder, file), out var handle))
                        return handle;
        return IntPtr.Zero;
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.AssemblyLoad -= OnAssemblyLoad;
        lock (hooked)
            foreach (var context in hooked) context.ResolvingUnmanagedDll -= Resolve;
    }
}

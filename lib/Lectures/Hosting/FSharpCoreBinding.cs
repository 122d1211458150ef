using System.Reflection;
using System.Runtime.Loader;

namespace Lectures.Hosting;

/// <summary>
/// Plotly.NET 6 is built against FSharp.Core 10.1, and a host that is itself F# (.NET Interactive ships and binds
/// FSharp.Core 10.0) refuses the higher version, so every chart fails with a TypeInitializationException in
/// Plotly.NET's defaults. When a request for FSharp.Core fails, this hands out the FSharp.Core the process already
/// has. Where the library's own copy loads (any other host), the handler is never asked.
/// </summary>
internal static class FSharpCoreBinding
{
    public static void Register() => AssemblyLoadContext.Default.Resolving += Resolve;

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == "FSharp.Core"
            ? AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core")
            : null;
}

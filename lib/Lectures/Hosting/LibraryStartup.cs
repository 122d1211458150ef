using System.Runtime.CompilerServices;

namespace Lectures.Hosting;

/// <summary>
/// What the library sets up the first time any host touches it, so that a notebook which only <c>#r</c>'s
/// Lectures.dll runs the same in .NET Interactive (Polyglot Notebooks, <c>dotnet interactive</c>), the kit's engine
/// and kernel, a console app or a test: TorchSharp's natives found beside the library, FSharp.Core bound for
/// Plotly.NET, and charts and tensors formatted for notebooks. Each step is harmless where it is not needed.
/// </summary>
internal static class LibraryStartup
{
    // A library's module initializer on purpose (CA2255 warns against it): notebook hosts run no other code of ours
    // before the first cell uses TorchSharp, and every step must precede that first use.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Run()
    {
        TorchNatives.Register();
        FSharpCoreBinding.Register();
        NotebookFormatters.Register();
    }
}

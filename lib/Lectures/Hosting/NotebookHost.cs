namespace Lectures.Hosting;

/// <summary>What the library needs to know about the notebook host it runs in.</summary>
internal static class NotebookHost
{
    /// <summary>
    /// True under .NET Interactive serving Jupyter (<c>dotnet interactive jupyter</c>, the <c>.net-csharp</c>
    /// kernelspec): its <c>update_display_data</c> messages carry another <c>display_id</c> than the
    /// <c>display_data</c> they update, so Jupyter front ends never apply an update (a bug of that deprecated kernel;
    /// Polyglot Notebooks, which talks to it over its own protocol, and the kit's kernel are not affected).
    /// </summary>
    public static bool DropsDisplayUpdates { get; } = IsDotNetInteractiveJupyter(Environment.GetCommandLineArgs());

    internal static bool IsDotNetInteractiveJupyter(string[] commandLine) =>
        commandLine.Length > 1
        && Path.GetFileNameWithoutExtension(commandLine[0]) == "Microsoft.DotNet.Interactive.App"
        && commandLine[1] == "jupyter";
}

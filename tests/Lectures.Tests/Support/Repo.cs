using System.Reflection;

namespace Lectures.Tests.Support;

/// <summary>Paths the build recorded into the test assembly.</summary>
public static class Repo
{
    /// <summary>The repository's root folder.</summary>
    public static string Root => Metadata("RepositoryRoot");

    /// <summary>The NuGet package folder this build restored from.</summary>
    public static string NuGetPackageRoot => Metadata("NuGetPackageRoot");

    /// <summary>A path below the repository root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    static string Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is empty");
}

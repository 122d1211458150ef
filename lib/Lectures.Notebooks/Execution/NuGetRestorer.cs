using System.Diagnostics;
using System.Security.Cryptography;
using System.Security;
using System.Text;

namespace Lectures.Notebooks.Execution;

/// <summary>
/// Resolves <c>#r "nuget: ..."</c> the way .NET Interactive does, with a real restore: it writes a small project
/// referencing the packages, builds it with <c>dotnet build</c> into a cache folder keyed by the package list, and
/// hands back the managed assemblies. The project imports the kit's Linux TorchSharp fix, so restored natives load
/// on Debian 12 too. A package list restored once is reused by every later run.
/// </summary>
public sealed class NuGetRestorer(string cacheRoot)
{
    /// <summary>The cache folder: $LECTURES_NUGET_CACHE, else ~/.cache/rnn-lectures/nuget.</summary>
    public static string DefaultCacheRoot =>
        Environment.GetEnvironmentVariable("LECTURES_NUGET_CACHE") is { Length: > 0 } root ? root
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "rnn-lectures", "nuget");

    /// <summary>The folder restores are cached in.</summary>
    public string CacheRoot => cacheRoot;

    /// <summary>Restores the packages (and their dependencies); returns the paths of their managed assemblies.</summary>
    /// <param name="packages">Names and versions (null: the latest).</param>
    /// <param name="sources">Extra package sources from <c>#i "nuget: ..."</c>.</param>
    public IReadOnlyList<string> Restore(IReadOnlyList<(string Name, string? Version)> packages, IReadOnlyList<string> sources)
    {
        var key = Key(packages, sources);
        var folder = Path.Combine(cacheRoot, key);
        var output = Path.Combine(folder, "out");
        if (!File.Exists(Path.Combine(folder, "restored")))
            Build(packages, sources, key, folder);
        return Directory.GetFiles(output, "*.dll").Where(f => Path.GetFileName(f) != "restore.dll").Order().ToList();
    }

    private void Build(IReadOnlyList<(string Name, string? Version)> packages, IReadOnlyList<string> sources, string key, string folder)
    {
        // Build beside the final folder and move it into place, so a concurrent or interrupted restore never leaves half a cache.
        var staging = Path.Combine(cacheRoot, $"{key}.{Environment.ProcessId}.partial");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        var fix = Path.Combine(AppContext.BaseDirectory, "build", "LibTorchSharpLinuxFix.targets");
        var references = string.Join("\n", packages.Select(p =>
            $"    <PackageReference Include=\"{SecurityElement.Escape(p.Name)}\" Version=\"{SecurityElement.Escape(p.Version ?? "*")}\" />"));
        var extraSources = sources.Count == 0 ? "" :
            $"    <RestoreAdditionalProjectSources>{SecurityElement.Escape(string.Join(';', sources))}</RestoreAdditionalProjectSources>\n";
        File.WriteAllText(Path.Combine(staging, "restore.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <NoWarn>$(NoWarn);NU1603;NU1701</NoWarn>
            {extraSources}  </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
              <Import Project="{SecurityElement.Escape(fix)}" Condition="Exists('{SecurityElement.Escape(fix)}')" />
            </Project>
            """);
        var start = new ProcessStartInfo("dotnet", ["build", "restore.csproj", "-c", "Release", "-o", "out", "-nologo", "-v:q"])
        {
            WorkingDirectory = staging, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Restoring {Describe(packages)} took longer than 10 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"Could not restore {Describe(packages)}:\n{stdout.Result}{stderr.Result}".TrimEnd());
        File.WriteAllText(Path.Combine(staging, "restored"), Describe(packages) + "\n");
        try { Directory.Move(staging, folder); }
        catch (IOException) when (File.Exists(Path.Combine(folder, "restored"))) { Directory.Delete(staging, recursive: true); }
    }

    private static string Describe(IEnumerable<(string Name, string? Version)> packages) =>
        string.Join(", ", packages.Select(p => p.Version is null ? p.Name : $"{p.Name} {p.Version}"));

    private static string Key(IEnumerable<(string Name, string? Version)> packages, IEnumerable<string> sources)
    {
        var text = string.Join("\n", packages.Select(p => $"{p.Name.ToLowerInvariant()}/{p.Version}").Order().Concat(sources));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}

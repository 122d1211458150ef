using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Lectures.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Lectures.Tests.Foundation;

/// <summary>
/// The build step in build/TorchSharpReferences.targets, run through real MSBuild on a scratch copy of TorchSharp.dll
/// exactly as NuGet ships it: its references to .NET 8's framework assemblies point at .NET 10's afterwards, so a
/// C# script compiled against it (as .NET Interactive compiles a cell) no longer gets warning CS1701.
/// </summary>
public sealed class TorchSharpRetargetTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("retarget-test-").FullName;

    private static string Pristine => Path.Combine(Repo.NuGetPackageRoot, "torchsharp", "0.107.0", "lib", "net8.0", "TorchSharp.dll");

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private (int ExitCode, string Output) Retarget(string file)
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var project = Path.Combine(scratch, "retarget.proj");
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{Repo.Path("build", "TorchSharpReferences.targets")}" />
              <Target Name="Retarget">
                <ItemGroup><Framework Include="{framework}/System.*.dll" /></ItemGroup>
                <RetargetFrameworkReferences Files="{file}" FrameworkReferences="@(Framework)" />
              </Target>
            </Project>
            """);
        return Processes.Run("dotnet", ["msbuild", project, "-t:Retarget", "-nologo", "-v:n"], scratch);
    }

    private static Dictionary<string, Version> References(string file)
    {
        using var pe = new PEReader(File.OpenRead(file));
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(metadata.GetAssemblyReference)
            .ToDictionary(r => metadata.GetString(r.Name), r => r.Version);
    }

    [Fact]
    public void Framework_references_move_to_the_running_framework_and_nothing_else_changes()
    {
        var copy = Path.Combine(scratch, "TorchSharp.dll");
        File.Copy(Pristine, copy);
        var first = Retarget(copy);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("System.Runtime.Numerics 8.0.0.0 -> 10.0.0.0", first.Output);

        var before = References(Pristine);
        var after = References(copy);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        var framework = typeof(object).Assembly.GetName().Version!;
        foreach (var (name, version) in before)
            Assert.Equal(name.StartsWith("System.", StringComparison.Ordinal) && version < framework ? new Version(framework.Major, 0, 0, 0) : version, after[name]);
        Assert.Contains(before, r => !r.Key.StartsWith("System.", StringComparison.Ordinal)); // e.g. Google.Protobuf stays as it was

        // One byte per retargeted reference: the major version's low byte, 8 -> 10.
        var (old, retargeted) = (File.ReadAllBytes(Pristine), File.ReadAllBytes(copy));
        Assert.Equal(old.Length, retargeted.Length);
        Assert.Equal(before.Count(r => after[r.Key] != r.Value), Enumerable.Range(0, old.Length).Count(i => old[i] != retargeted[i]));

        var second = Retarget(copy);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.DoesNotContain("Retargeted", second.Output);
        Assert.Equal(retargeted, File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_script_compiled_against_the_retargeted_copy_gets_no_cs1701_and_against_nugets_does()
    {
        var copy = Path.Combine(scratch, "TorchSharp.dll");
        File.Copy(Pristine, copy);
        Assert.True(Retarget(copy).ExitCode == 0);
        static IEnumerable<string> Warnings(string torchSharp) => CSharpScript
            .Create("var t = TorchSharp.torch.tensor(new float[] { 1, 2 });",
                ScriptOptions.Default.AddReferences(MetadataReference.CreateFromFile(torchSharp)))
            .GetCompilation().GetDiagnostics().Select(d => d.Id);
        Assert.Contains("CS1701", Warnings(Pristine));
        Assert.DoesNotContain("CS1701", Warnings(copy));
    }

    [Fact]
    public void Every_build_output_copy_is_retargeted()
    {
        var copies = Directory.GetFiles(Repo.Path("artifacts", "bin"), "TorchSharp.dll", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, copy => Assert.Equal(new Version(10, 0, 0, 0), References(copy)["System.Runtime.Numerics"]));
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_fails_the_build_saying_what_it_found()
    {
        var bogus = Path.Combine(scratch, "TorchSharp.dll");
        File.WriteAllText(bogus, "#!/bin/sh\n");
        var result = Retarget(bogus);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Cannot retarget", result.Output);
        Assert.Contains("expected a PE file", result.Output);
        Assert.Equal("#!/bin/sh\n", File.ReadAllText(bogus));
    }
}

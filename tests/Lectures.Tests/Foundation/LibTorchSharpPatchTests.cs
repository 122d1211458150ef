using Lectures.Tests.Support;

namespace Lectures.Tests.Foundation;

/// <summary>
/// The build step in build/LibTorchSharpLinuxFix.targets, run through real MSBuild on scratch copies
/// of the library exactly as NuGet ships it.
/// </summary>
public class LibTorchSharpPatchTests : IDisposable
{
    readonly string scratch = Directory.CreateTempSubdirectory("patch-test-").FullName;

    static string Pristine => Path.Combine(Repo.NuGetPackageRoot, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    (int ExitCode, string Output) RunPatchTarget()
    {
        var project = Path.Combine(scratch, "patch.proj");
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{Repo.Path("build", "LibTorchSharpLinuxFix.targets")}" />
              <Target Name="Patch">
                <ItemGroup><Lib Include="{scratch}/**/libLibTorchSharp.so" /></ItemGroup>
                <PatchLibTorchSharp Files="@(Lib)" />
              </Target>
            </Project>
            """);
        return Processes.Run("dotnet", ["msbuild", project, "-t:Patch", "-nologo", "-v:n"], scratch);
    }

    [Fact]
    public void Patch_changes_exactly_the_version_flag_and_the_symbol_binding_and_is_idempotent()
    {
        if (!OperatingSystem.IsLinux()) return;
        var copy = Path.Combine(scratch, "runtimes", "libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(Pristine, copy);

        var first = RunPatchTarget();
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("GLIBCXX_3.4.32 reference made weak", first.Output);

        var before = File.ReadAllBytes(Pristine);
        var after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.Equal(2, changed.Length);

        var readelf = Processes.Run("readelf", ["-V", "--dyn-syms", "-W", copy]).Output;
        Assert.Matches(@"Name: GLIBCXX_3\.4\.32\s+Flags: WEAK", readelf);
        Assert.Matches(@"FUNC\s+WEAK\s+DEFAULT\s+UND _ZSt21ios_base_library_initv", readelf);

        var second = RunPatchTarget();
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.DoesNotContain("made weak", second.Output);
        Assert.Equal(after, File.ReadAllBytes(copy));
    }

    [Fact]
    public void The_nuget_cache_copy_is_untouched_and_the_build_output_copy_is_patched()
    {
        if (!OperatingSystem.IsLinux()) return;
        var cache = Processes.Run("readelf", ["-V", "-W", Pristine]).Output;
        Assert.Matches(@"Name: GLIBCXX_3\.4\.32\s+Flags: none", cache);

        var copies = Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories);
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
            Assert.Matches(@"Name: GLIBCXX_3\.4\.32\s+Flags: WEAK", Processes.Run("readelf", ["-V", "-W", copy]).Output);
    }

    [Fact]
    public void A_file_that_is_not_a_64_bit_elf_fails_the_build_saying_what_it_found()
    {
        var bogus = Path.Combine(scratch, "libLibTorchSharp.so");
        File.WriteAllText(bogus, "#!/bin/sh\n");

        var result = RunPatchTarget();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Cannot patch", result.Output);
        Assert.Contains("expected an ELF file, found 10 bytes starting 23-21-2F-62", result.Output);
        Assert.Equal("#!/bin/sh\n", File.ReadAllText(bogus));
    }
}

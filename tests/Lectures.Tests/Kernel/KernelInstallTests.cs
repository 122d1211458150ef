using Lectures.Tests.Support;

namespace Lectures.Tests.Kernel;

/// <summary>
/// <c>kernel install</c> and <c>kernel uninstall</c>: a kernelspec Jupyter finds, with an argv that starts this
/// engine and message-mode interrupts, beside an untouched .NET Interactive kernelspec.
/// </summary>
[Trait("Category", "Kernel")]
public sealed class KernelInstallTests : IDisposable
{
    private readonly JupyterSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public void The_kernelspec_starts_this_engine_with_message_interrupts_and_says_where_it_went()
    {
        var spec = sandbox.KernelJson;
        var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        Assert.Equal("dotnet", argv[0]);
        Assert.True(Path.IsPathFullyQualified(argv[1]) && File.Exists(argv[1]), argv[1]);
        Assert.Equal("Lectures.Notebooks.dll", Path.GetFileName(argv[1]));
        Assert.Equal(["kernel", "--connection-file", "{connection_file}"], argv[2..]);
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        Assert.Equal("AVX2", spec["env"]!["ONEDNN_MAX_CPU_ISA"]!.GetValue<string>());
        Assert.Equal("C# (RNN lectures kernel)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("C#", spec["language"]!.GetValue<string>());
        Assert.Contains(Path.Combine(sandbox.DataDir, "kernels", JupyterSandbox.KernelName), sandbox.InstallOutput);
        Assert.Equal(["kernel.json"], Directory.GetFiles(Path.Combine(sandbox.DataDir, "kernels", JupyterSandbox.KernelName)).Select(Path.GetFileName));
    }

    [SkippableFact]
    public void Jupyter_finds_it_beside_dotnet_interactive_which_install_and_uninstall_leave_alone()
    {
        ExternalTool.Jupyter.Require();
        var dotnetInteractive = Path.Combine(sandbox.DataDir, "kernels", ".net-csharp", "kernel.json");
        Directory.CreateDirectory(Path.GetDirectoryName(dotnetInteractive)!);
        const string theirs = """{"argv": ["dotnet", "interactive", "jupyter", "{connection_file}"], "display_name": ".NET (C#)", "language": "C#"}""";
        File.WriteAllText(dotnetInteractive, theirs);

        var again = sandbox.Engine(["kernel", "install"]);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains(".NET Interactive's kernel (.net-csharp) is installed beside it and was left unchanged.", again.Output);
        var (exit, found) = Processes.Run(JupyterSandbox.Python,
            ["-c", "from jupyter_client.kernelspec import KernelSpecManager as M; print(sorted(M().find_kernel_specs()))"],
            sandbox.Root, environment: sandbox.Environment);
        Assert.Equal(0, exit);
        Assert.Contains("'.net-csharp'", found);
        Assert.Contains("'rnn-lectures-csharp'", found);

        var removed = sandbox.Engine(["kernel", "uninstall"]);
        Assert.Contains("Removed the Jupyter kernel rnn-lectures-csharp", removed.Output);
        Assert.False(Directory.Exists(Path.Combine(sandbox.DataDir, "kernels", JupyterSandbox.KernelName)));
        Assert.Equal(theirs, File.ReadAllText(dotnetInteractive));
        Assert.Contains("nothing to remove", sandbox.Engine(["kernel", "uninstall"]).Output);
    }

    [Fact]
    public void Without_a_connection_file_the_kernel_command_says_what_it_needs()
    {
        var (exit, output) = sandbox.Engine(["kernel"]);
        Assert.Equal(2, exit);
        Assert.Contains("expected --connection-file FILE", output);
    }
}

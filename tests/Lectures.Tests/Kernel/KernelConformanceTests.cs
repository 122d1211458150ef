using Lectures.Tests.Support;
using Xunit.Abstractions;

namespace Lectures.Tests.Kernel;

/// <summary>
/// Jupyter's own kernel conformance suite (jupyter_kernel_test) against the kit's kernel, in full: kernel info,
/// stdout and stderr, completion, is_complete, the pager, errors, results, displays, history (tail, range and
/// search), inspection and clear_output, each message checked against the protocol's schemas. No test may be skipped.
/// </summary>
[Trait("Category", "Kernel")]
public sealed class KernelConformanceTests(ITestOutputHelper output) : IDisposable
{
    private readonly JupyterSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [SkippableFact]
    public void The_kernel_passes_jupyter_kernel_test_with_nothing_skipped()
    {
        ExternalTool.JupyterKernelTest.Require();
        var (exit, text) = sandbox.Script("kernel_conformance.py", [JupyterSandbox.KernelName], TimeSpan.FromMinutes(10));
        output.WriteLine(text);
        Assert.True(exit == 0, text);
        Assert.Matches(@"tests run: \d+, failures: 0, errors: 0, skipped: 0", text);
    }
}

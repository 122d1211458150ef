using System.ComponentModel;

namespace Lectures.Tests.Support;

/// <summary>
/// A program from outside the .NET SDK that some tests drive (Jupyter's client, a browser, the .NET Interactive
/// tool, a sandbox). Where it is absent, as on a fresh machine with only the SDK, such a test is skipped with one line
/// naming the package that brings it; .ci/run installs them all and fails if anything was skipped. The table in the
/// README ("Tests and the tools they need") lists the same tools.
/// </summary>
public sealed class ExternalTool
{
    /// <summary>
    /// The Python with the Jupyter packages: $LECTURES_PYTHON, else Debian's /usr/bin/python3 on Linux (a pyenv or
    /// conda python3 earlier on the PATH may lack the apt-installed packages), else python3 from the PATH.
    /// </summary>
    public static readonly string Python = Environment.GetEnvironmentVariable("LECTURES_PYTHON")
        ?? (OperatingSystem.IsLinux() ? "/usr/bin/python3" : "python3");

    /// <summary>The Chromium (or Chrome) program: $LECTURES_CHROMIUM, else chromium from the PATH.</summary>
    public static readonly string ChromiumProgram = Environment.GetEnvironmentVariable("LECTURES_CHROMIUM") ?? "chromium";

    /// <summary>jupyter_client, nbclient and nbconvert: they drive the kit's kernel and execute notebooks in it.</summary>
    public static readonly ExternalTool Jupyter = new("Jupyter's client and nbconvert", "python3-jupyter-client python3-nbclient jupyter-nbconvert",
        () => Succeeds(Python, "-c", "import jupyter_client, nbclient, nbconvert") && Succeeds("jupyter", "nbconvert", "--version"));

    /// <summary>nbformat, Jupyter's own validator of notebook files.</summary>
    public static readonly ExternalTool Nbformat = new("Jupyter's nbformat", "python3-nbformat",
        () => Succeeds(Python, "-c", "import nbformat"));

    /// <summary>A headless Chromium that draws the site's charts and formulas.</summary>
    public static readonly ExternalTool Chromium = new("Chromium", "chromium",
        () => Succeeds(ChromiumProgram, "--version"));

    /// <summary>The classic Jupyter Notebook server program: $LECTURES_JUPYTER_NOTEBOOK, else jupyter-notebook from the PATH.</summary>
    public static readonly string JupyterNotebookProgram = Environment.GetEnvironmentVariable("LECTURES_JUPYTER_NOTEBOOK") ?? "jupyter-notebook";

    /// <summary>Debian's classic Jupyter Notebook, the front end a test drives in a browser.</summary>
    public static readonly ExternalTool JupyterNotebook = new("the classic Jupyter Notebook", "jupyter-notebook",
        () => Succeeds(JupyterNotebookProgram, "--version"));

    /// <summary>The bubblewrap program the grader sandboxes submissions with: $LECTURES_BWRAP, else bwrap from the PATH.</summary>
    public static readonly string BubblewrapProgram = Environment.GetEnvironmentVariable("LECTURES_BWRAP") ?? "bwrap";

    /// <summary>Bubblewrap, able to create the namespaces the grader's sandbox uses (user namespaces enabled).</summary>
    public static readonly ExternalTool Bubblewrap = new("bubblewrap with user namespaces", "bubblewrap",
        () => OperatingSystem.IsLinux() && Succeeds(BubblewrapProgram, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
            "--ro-bind", "/", "/", "true"));

    /// <summary>Jupyter's kernel conformance suite, jupyter_kernel_test.</summary>
    public static readonly ExternalTool JupyterKernelTest = new("Jupyter's kernel test suite (jupyter_kernel_test)", "python3-jupyter-kernel-test",
        () => Succeeds(Python, "-c", "import jupyter_kernel_test, jupyter_client"));

    /// <summary>The real .NET Interactive kernel, installed as a global tool with its <c>.net-csharp</c> kernelspec.</summary>
    public static readonly ExternalTool DotnetInteractive = new(".NET Interactive with its Jupyter kernelspec",
        "the dotnet tool Microsoft.dotnet-interactive 1.0.712001 with ~/.dotnet/tools on the PATH, then `dotnet interactive jupyter install`",
        () => Succeeds("dotnet", "interactive", "--version") && DotnetInteractiveKernelSpec() is not null);

    /// <summary>The folder of the installed <c>.net-csharp</c> kernelspec, as Jupyter finds it; null when there is none.</summary>
    public static string? DotnetInteractiveKernelSpec()
    {
        var folder = Run(Python, "-c", "from jupyter_client.kernelspec import KernelSpecManager as M; print(M().find_kernel_specs().get('.net-csharp', ''))").Trim();
        return folder.Length > 0 && Directory.Exists(folder) ? folder : null;
    }

    private readonly Lazy<bool> present;

    private ExternalTool(string name, string packages, Func<bool> probe)
    {
        Name = name;
        Packages = packages;
        present = new Lazy<bool>(probe);
    }

    /// <summary>What the tool is, for the skip reason.</summary>
    public string Name { get; }

    /// <summary>The Debian packages (or tool) that bring it.</summary>
    public string Packages { get; }

    /// <summary>Whether the tool answers on this machine (asked once per test run).</summary>
    public bool IsPresent => present.Value;

    /// <summary>The one-line reason a test that needs the tool is skipped with.</summary>
    public string SkipReason => $"needs {Name}: install {Packages} (README, \"Tests and the tools they need\")";

    /// <summary>Skips the calling <c>[SkippableFact]</c> or <c>[SkippableTheory]</c> where the tool is absent.</summary>
    public void Require() => Skip.IfNot(IsPresent, SkipReason);

    private static bool Succeeds(string file, params string[] args)
    {
        try { return Processes.Run(file, args, timeout: TimeSpan.FromMinutes(1)).ExitCode == 0; }
        catch (Exception e) when (e is Win32Exception or TimeoutException) { return false; }
    }

    private static string Run(string file, params string[] args)
    {
        try { return Processes.Run(file, args, timeout: TimeSpan.FromMinutes(1)).Output; }
        catch (Exception e) when (e is Win32Exception or TimeoutException) { return ""; }
    }
}

using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Lectures.Notebooks.Execution;
using Lectures.Notebooks.Running;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// How each submission is isolated while it runs: on Linux a bubblewrap (<c>bwrap</c>) sandbox with new user, PID,
/// network, IPC and UTS namespaces and an empty root holding only the system's programs and libraries, the .NET
/// runtime, the engine and the folders the assignment loads from, all read-only, plus a size-limited scratch folder
/// in place of the assignment folder with the student's own notebook in it. No instructor files, no other
/// submission, no output folder, no network; every process it starts dies with it. Where bubblewrap is missing or
/// user namespaces are disabled (and on macOS and Windows), submissions run in a scratch folder without isolation,
/// and <see cref="Description"/> says so.
/// </summary>
public sealed class SubmissionSandbox
{
    private static readonly string[] SystemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    // What the runtime, ICU and libtorch read from /etc and /sys; the rest of /etc stays out.
    private static readonly string[] SystemFiles =
    [
        "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/nsswitch.conf",
        "/etc/passwd", "/etc/group", "/etc/alternatives", "/sys/devices/system/cpu",
    ];

    private readonly string? bwrap;

    private SubmissionSandbox(string? bwrap, string description) => (this.bwrap, Description) = (bwrap, description);

    /// <summary>Whether submissions run isolated.</summary>
    public bool Isolates => bwrap is not null;

    /// <summary>One line for the instructor: the isolation in use, or a warning that there is none and why.</summary>
    public string Description { get; }

    /// <summary>
    /// Bubblewrap when it works here ($LECTURES_BWRAP, else <c>bwrap</c> from the PATH, tried with the namespaces it
    /// will use), else no isolation with the reason.
    /// </summary>
    public static SubmissionSandbox Detect()
    {
        if (!OperatingSystem.IsLinux()) return Unsandboxed($"bubblewrap exists only on Linux, this is {RuntimeInformation.OSDescription}");
        var program = Environment.GetEnvironmentVariable("LECTURES_BWRAP") is { Length: > 0 } configured ? configured : "bwrap";
        var probe = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in Isolation().Concat(["--ro-bind", "/", "/", "true"])) probe.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(probe)!;
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30))) { process.Kill(); return Unsandboxed($"{program} did not answer within 30 s"); }
            if (process.ExitCode != 0)
                return Unsandboxed($"{program} cannot create a sandbox here ({error.Result.Split('\n')[0].Trim()}; are user namespaces disabled?)");
        }
        catch (Win32Exception) { return Unsandboxed($"bubblewrap ({program}) is not installed"); }
        return new SubmissionSandbox(program,
            "Sandbox: bubblewrap. Each submission sees only its own notebook and the kit, read-only; no network, no other " +
            "submission, no instructor file, no output folder; memory, CPU, time and output are limited.");
    }

    private static SubmissionSandbox Unsandboxed(string reason) => new(null,
        $"WARNING: no sandbox: {reason}. Submissions run with your rights: their code can read and change your files and " +
        "use the network. Time and output limits still hold" + (ResourceLimits.Supported ? ", and memory and CPU limits" : "") +
        ". To isolate them, install bubblewrap on Linux (Debian/Ubuntu: sudo apt-get install bubblewrap).");

    private static IEnumerable<string> Isolation() =>
        ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL"];

    /// <summary>The worker's start information and its working folder; unsandboxed, the scratch folder is created here.</summary>
    /// <param name="layout">What the submission sees.</param>
    /// <param name="limits">The notebook's limits (the sandbox's folders get <see cref="GradingLimits.FileMegabytes"/> of space).</param>
    /// <param name="worker">The worker's arguments after the engine, given the folder it runs in.</param>
    internal (ProcessStartInfo Start, string Folder, string? Scratch) Prepare(WorkerLayout layout, GradingLimits limits, Func<string, IEnumerable<string>> worker)
    {
        var (host, prefix) = NotebookRunner.Self();
        if (bwrap is null)
        {
            var scratch = Directory.CreateTempSubdirectory("lectures-grading-").FullName;
            foreach (var (source, name) in layout.Files) File.Copy(source, Path.Combine(scratch, name));
            var direct = Redirected(host);
            foreach (var a in prefix.Concat(worker(scratch))) direct.ArgumentList.Add(a);
            direct.WorkingDirectory = scratch;
            TorchEnvironment.ApplyTo(direct);
            return (direct, scratch, scratch);
        }

        var folder = Path.GetFullPath(layout.AssignmentFolder);
        var args = new List<string>(Isolation());
        // A private /tmp first: bubblewrap applies mounts in order, so a kit or NuGet cache that lives under /tmp (a
        // clone in /tmp, say) is bound on top of it below, not hidden by it.
        var size = ((long)limits.FileMegabytes << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        args.AddRange(["--size", size, "--tmpfs", "/tmp"]);
        foreach (var path in SystemFolders.Where(p => Directory.Exists(p) || File.Exists(p)))
            args.AddRange(new FileInfo(path).LinkTarget is { } target ? ["--symlink", target, path] : ["--ro-bind", path, path]);
        foreach (var path in SystemFiles) args.AddRange(["--ro-bind-try", path, path]);
        var cache = NuGetRestorer.DefaultCacheRoot;
        var readOnly = new[] { Path.GetDirectoryName(host)!, AppContext.BaseDirectory }
            .Concat(layout.ReadOnlyFolders).Append(cache)
            .Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p)))
            .Where(p => Directory.Exists(p) && !SystemFolders.Any(s => p.StartsWith(s + "/", StringComparison.Ordinal)))
            .Distinct();
        foreach (var path in readOnly) args.AddRange(["--ro-bind", path, path]);
        args.AddRange(["--proc", "/proc", "--dev", "/dev"]);
        args.AddRange(["--size", size, "--tmpfs", folder]);
        foreach (var (source, name) in layout.Files) args.AddRange(["--ro-bind", Path.GetFullPath(source), Path.Combine(folder, name)]);
        args.AddRange(["--chdir", folder, "--clearenv"]);
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = "/tmp", ["TMPDIR"] = "/tmp", ["LANG"] = "C.UTF-8",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1", ["LECTURES_NUGET_CACHE"] = cache,
        };
        foreach (var (name, value) in TorchEnvironment.Variables) environment[name] = Environment.GetEnvironmentVariable(name) ?? value;
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root) environment["DOTNET_ROOT"] = root;
        foreach (var (name, value) in environment) args.AddRange(["--setenv", name, value]);
        args.Add("--");
        args.Add(host);
        args.AddRange(prefix.Concat(worker(folder)));
        var start = Redirected(bwrap);
        foreach (var a in args) start.ArgumentList.Add(a);
        return (start, folder, null);
    }

    private static ProcessStartInfo Redirected(string file) =>
        new(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
}

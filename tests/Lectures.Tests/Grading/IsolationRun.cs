using System.Net;
using System.Net.Sockets;
using Lectures.Tests.Notebooks;
using Lectures.Tests.Support;
using static Lectures.Tests.Grading.StudentNotebooks;

namespace Lectures.Tests.Grading;

/// <summary>
/// A class graded in the sandbox (only where bubblewrap works; the tests skip elsewhere): a victim who answers
/// correctly, a vandal who writes over the victim's results, the gradebook and the instructor's notebook (at once
/// and from a detached process after the batch), and tries the network, and a snoop who looks around the file
/// system. The instructor's notebook is a copy in a temporary folder, so nothing real is at stake.
/// </summary>
public sealed class IsolationRun : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public IsolationRun()
    {
        if (!ExternalTool.Bubblewrap.IsPresent) return;
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // The instructor's copy loads the library by its absolute path, so it works from a temporary folder.
        Directory.CreateDirectory(Path.GetDirectoryName(Solution)!);
        File.WriteAllText(Solution, File.ReadAllText(Path.Combine(GradingRun.Assignments, GradingRun.First))
            .Replace("../../artifacts/", Repo.Path("artifacts").Replace('\\', '/') + "/"));
        SolutionText = File.ReadAllText(Solution);
        EngineRun.Engine(["assign", Solution, "--out", Release]);
        var release = Path.Combine(Release, GradingRun.First);
        Answered(release, Forward, Backward).SaveTo(Path.Combine(Submissions, "victim", GradingRun.First));
        Answered(release, Forward, Backward).Add("data", $$"""
            using System.IO;
            foreach (var target in new[] { "{{Grades}}/victim/score.json", "{{Grades}}/gradebook.csv", "{{Solution}}", "{{Submissions}}/victim/{{GradingRun.First}}" })
                try { File.WriteAllText(target, "pwned"); Console.WriteLine($"wrote {target}"); }
                catch (Exception e) { Console.WriteLine($"could not write {target}: {e.GetType().Name}"); }
            // A process of its own, detached, that rewrites the gradebook once the grader is done.
            System.Diagnostics.Process.Start("/usr/bin/setsid", ["-f", "/bin/sh", "-c", "sleep 8; echo pwned > '{{Grades}}/gradebook.csv'; echo pwned > '{{Solution}}'"]);
            try { using var client = new System.Net.Sockets.TcpClient("127.0.0.1", {{port}}); Console.WriteLine("network: connected"); }
            catch (Exception e) { Console.WriteLine($"network: {e.GetType().Name}"); }
            """).SaveTo(Path.Combine(Submissions, "vandal", GradingRun.First));
        Answered(release, Forward, Backward).Add("data", $$"""
            using System.IO;
            Console.WriteLine("root: " + string.Join(" ", Directory.GetFileSystemEntries("/").Order()));
            Console.WriteLine("here: " + string.Join(" ", Directory.GetFileSystemEntries(".").Select(Path.GetFileName).Order()));
            foreach (var path in new[] { "{{Submissions}}", "{{Path.GetDirectoryName(Solution)}}", "{{Grades}}", Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) })
                Console.WriteLine($"{path}: {(Directory.Exists(path) ? string.Join(" ", Directory.GetFileSystemEntries(path).Select(Path.GetFileName)) : "not there")}");
            Console.WriteLine("environment: " + string.Join(" ", Environment.GetEnvironmentVariables().Keys.Cast<string>().Order()));
            """).SaveTo(Path.Combine(Submissions, "snoop", GradingRun.First));
        (ExitCode, Output) = EngineRun.Engine(["grade", Solution, Submissions, "--out", Grades, "--jobs", "2"], TimeSpan.FromMinutes(20));
        Thread.Sleep(TimeSpan.FromSeconds(12));   // longer than the detached process waits
        Connected = listener.Pending();
        listener.Stop();
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("grading-isolation-").FullName;
    public string Solution => Path.Combine(Root, "instructor", GradingRun.First);
    public string Release => Path.Combine(Root, "release");
    public string Submissions => Path.Combine(Root, "submissions");
    public string Grades => Path.Combine(Root, "grades");
    public string SolutionText { get; } = "";
    public int ExitCode { get; }
    public string Output { get; } = "";

    /// <summary>Whether anything from the sandbox reached the listener on the host's loopback.</summary>
    public bool Connected { get; }

    public void Dispose()
    {
        listener.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

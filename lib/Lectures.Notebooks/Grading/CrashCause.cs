using System.Text.RegularExpressions;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// Why a grading worker ended while a cell ran, told from its exit status and what the .NET runtime wrote on its
/// standard error (which is never shown as it is: the student's code can write there too).
/// </summary>
internal static partial class CrashCause
{
    private const int SignalBase = 128, Kill = 9, Abort = 6, CpuLimit = 24, FileLimit = 25;

    /// <summary>One sentence naming the cause, for the cell's error.</summary>
    public static string Describe(int exitCode, string errors, GradingLimits limits)
    {
        if (errors.Contains("Stack overflow", StringComparison.Ordinal))
            return "The process ran out of stack while this cell ran: an endless recursion?";
        if (errors.Contains("OutOfMemory", StringComparison.Ordinal) || errors.Contains("Out of memory", StringComparison.OrdinalIgnoreCase))
            return $"The process ran out of memory while this cell ran (the limit is {limits.MemoryMegabytes} MB).";
        if (UnhandledException().Match(errors) is { Success: true } unhandled)
            return $"An exception ({Short(unhandled.Groups["type"].Value)}) escaped from a thread the notebook started, which ends the process; catch it in that thread.";
        if (errors.Contains("Process terminated.", StringComparison.Ordinal))
            return "The process was terminated by Environment.FailFast (or a fatal runtime error) while this cell ran.";
        return exitCode switch
        {
            SignalBase + CpuLimit => $"The process used up its CPU time ({limits.Budget.TotalSeconds:0} s, the notebook's budget) while this cell ran.",
            SignalBase + FileLimit => $"The cell wrote a file larger than {limits.FileMegabytes} MB, the limit.",
            SignalBase + Kill => "The process was killed (SIGKILL) while this cell ran; the system's out-of-memory killer does this.",
            SignalBase + Abort => "The process aborted (SIGABRT) while this cell ran, in native code or the runtime.",
            > SignalBase and < SignalBase + 65 => $"The process was ended by signal {exitCode - SignalBase} while this cell ran.",
            _ => $"The process exited by itself with code {exitCode} while this cell ran: the code called Environment.Exit?",
        };
    }

    private static string Short(string name) => name.Length <= 80 ? name : name[..80] + "…";

    [GeneratedRegex(@"Unhandled exception\. (?<type>[\w.`+]+)")]
    private static partial Regex UnhandledException();
}

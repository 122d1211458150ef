using System.Runtime.InteropServices;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// Caps a grading worker's memory, CPU time and file sizes with the operating system's resource limits, set by the
/// worker on itself before any student code runs (soft and hard, so the code cannot raise them again). Linux only:
/// RLIMIT_DATA bounds the private memory a process can commit, so libtorch's and the runtime's allocations fail
/// with an error in the cell (OutOfMemoryException, "can't allocate memory") instead of taking the machine;
/// RLIMIT_CPU ends the process with SIGXCPU once its CPU budget is spent; RLIMIT_FSIZE stops any one file growing
/// past the file limit (SIGXFSZ).
/// </summary>
internal static class ResourceLimits
{
    private const int Cpu = 0, FileSize = 1, Data = 2;

    /// <summary>Whether this platform's limits are set (Linux).</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>Sets the limits for this process and the processes it starts.</summary>
    public static void Apply(long memoryBytes, int cpuSeconds, long fileBytes)
    {
        if (!Supported) return;
        Set(Data, (ulong)memoryBytes, (ulong)memoryBytes);
        Set(Cpu, (ulong)cpuSeconds, (ulong)cpuSeconds + 5);   // SIGXCPU at the soft limit, SIGKILL at the hard one
        Set(FileSize, (ulong)fileBytes, (ulong)fileBytes);
    }

    private static void Set(int resource, ulong soft, ulong hard)
    {
        var limit = new Limit { Soft = soft, Hard = hard };
        if (setrlimit(resource, ref limit) != 0)
            throw new InvalidOperationException($"setrlimit({resource}) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Limit
    {
        public ulong Soft;
        public ulong Hard;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setrlimit(int resource, ref Limit limit);
}

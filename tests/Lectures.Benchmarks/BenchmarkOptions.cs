namespace Lectures.Benchmarks;

/// <summary>Command-line options shared by every suite.</summary>
/// <param name="Rounds">Interleaved timing rounds per case (the ratio is the median over rounds).</param>
/// <param name="MemorySteps">Training steps in the memory-flatness check.</param>
/// <param name="Threads">torch.set_num_threads.</param>
public sealed record BenchmarkOptions(int Rounds = 21, int MemorySteps = 1000, int Threads = 2)
{
    /// <summary>Parses --rounds, --memory-steps and --threads; everything else is a suite name.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="names">The suite names found.</param>
    public static BenchmarkOptions Parse(string[] args, out List<string> names)
    {
        var options = new BenchmarkOptions();
        names = [];
        for (var k = 0; k < args.Length; k++)
        {
            switch (args[k])
            {
                case "--rounds": options = options with { Rounds = Value(args, ++k) }; break;
                case "--memory-steps": options = options with { MemorySteps = Value(args, ++k) }; break;
                case "--threads": options = options with { Threads = Value(args, ++k) }; break;
                default: names.Add(args[k]); break;
            }
        }
        return options;
    }

    private static int Value(string[] args, int k) =>
        k < args.Length && int.TryParse(args[k], out var v) && v > 0 ? v
        : throw new ArgumentException($"{args[k - 1]} expects a positive integer, got '{(k < args.Length ? args[k] : "nothing")}'.");
}

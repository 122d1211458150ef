namespace Lectures.Benchmarks;

/// <summary>A named group of benchmarks the harness can run: <c>Lectures.Benchmarks name...</c>.</summary>
public interface IBenchmarkSuite
{
    /// <summary>The name given on the command line.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    /// <summary>Runs the suite and prints its report.</summary>
    /// <param name="options">Rounds, steps and threads from the command line.</param>
    void Run(BenchmarkOptions options);
}

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Lectures.Benchmarks;

/// <summary>
/// What every benchmark here shares: one in-process job (so TorchSharp's natives load from this build's output,
/// patched for Debian 12), BenchmarkDotNet's memory diagnoser for managed allocations, the resident-set growth of
/// the process over each benchmark's measured run for native memory, and results in artifacts/benchmarks.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>The shared configuration on top of BenchmarkDotNet's defaults.</summary>
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)).WithWarmupCount(3).WithIterationCount(15).AsDefault());
        AddDiagnoser(MemoryDiagnoser.Default, new ResidentMemoryDiagnoser());
        ArtifactsPath = Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "benchmarks");
    }
}

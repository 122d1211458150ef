using BenchmarkDotNet.Running;
using Lectures.Benchmarks;

// BenchmarkDotNet's command line: e.g. --filter '*LayerBenchmarks*' or --filter '*BpttBenchmarks*' (see the README's
// "Speed" paragraph); --list flat shows every benchmark.
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());

using Lectures.Benchmarks;

// Usage: dotnet run -c Release --project tests/Lectures.Benchmarks -- <suite>... [--rounds N] [--memory-steps N]
// Suites are listed below; each reports ratios ours/TorchSharp's (median over interleaved rounds) and memory.
IBenchmarkSuite[] suites = [new LayerSuite(), new ManualBpttSuite()];

var options = BenchmarkOptions.Parse(args, out var names);
if (names.Count == 0 || names.Contains("--help"))
{
    Console.WriteLine("Usage: Lectures.Benchmarks <suite>... [--rounds N] [--memory-steps N]\nSuites:");
    foreach (var s in suites) Console.WriteLine($"  {s.Name,-10} {s.Description}");
    return names.Count == 0 ? 2 : 0;
}
var unknown = names.Where(n => suites.All(s => s.Name != n)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown suite(s): {string.Join(", ", unknown)}; expected one of: " +
                           string.Join(", ", suites.Select(s => s.Name)));
    return 2;
}
TorchSharp.torch.set_num_threads(options.Threads);
foreach (var suite in suites.Where(s => names.Contains(s.Name))) suite.Run(options);
return 0;

using System.Globalization;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;
using BenchmarkDotNet.Diagnosers;

namespace Lectures.Benchmarks;

/// <summary>
/// The process's resident set (VmRSS, Linux) just before and just after each benchmark's measured iterations; the
/// difference is a column. BenchmarkDotNet's memory diagnoser counts managed allocations only, while tensors live in
/// native memory: a leak of tensors or of saved autograd state shows here as growth over the hundreds of steps measured.
/// </summary>
public sealed class ResidentMemoryDiagnoser : IDiagnoser
{
    private readonly Dictionary<BenchmarkCase, double> before = [];
    private readonly Dictionary<BenchmarkCase, double> growth = [];

    /// <inheritdoc />
    public IEnumerable<string> Ids => [nameof(ResidentMemoryDiagnoser)];

    /// <inheritdoc />
    public IEnumerable<IExporter> Exporters => [];

    /// <inheritdoc />
    public IEnumerable<IAnalyser> Analysers => [];

    /// <inheritdoc />
    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    /// <inheritdoc />
    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        if (signal == HostSignal.BeforeActualRun) before[parameters.BenchmarkCase] = ResidentMiB(parameters.Process.Id);
        else if (signal == HostSignal.AfterActualRun && before.TryGetValue(parameters.BenchmarkCase, out var start))
            growth[parameters.BenchmarkCase] = ResidentMiB(parameters.Process.Id) - start;
    }

    /// <inheritdoc />
    public IEnumerable<Metric> ProcessResults(DiagnoserResults results) =>
        growth.TryGetValue(results.BenchmarkCase, out var mib) ? [new Metric(ResidentGrowthDescriptor.Instance, mib)] : [];

    /// <inheritdoc />
    public void DisplayResults(ILogger logger) { }

    /// <inheritdoc />
    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) =>
        OperatingSystem.IsLinux() ? [] : [new ValidationError(false, "ResidentMemoryDiagnoser reads /proc and reports nothing on this OS")];

    private static double ResidentMiB(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path)) return double.NaN;
        var line = File.ReadLines(path).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;

namespace Lectures.Benchmarks;

/// <summary>The column <see cref="ResidentMemoryDiagnoser"/> fills: resident-set growth over a benchmark's measured run, in MiB.</summary>
public sealed class ResidentGrowthDescriptor : IMetricDescriptor
{
    /// <summary>The one instance.</summary>
    public static readonly ResidentGrowthDescriptor Instance = new();

    /// <inheritdoc />
    public string Id => "RSS growth";

    /// <inheritdoc />
    public string DisplayName => "RSS growth MiB";

    /// <inheritdoc />
    public string Legend => "Growth of the process's resident set over the benchmark's measured iterations (native memory included)";

    /// <inheritdoc />
    public string NumberFormat => "0.0";

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Unit => "MiB";

    /// <inheritdoc />
    public bool TheGreaterTheBetter => false;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool GetIsAvailable(Metric metric) => true;
}

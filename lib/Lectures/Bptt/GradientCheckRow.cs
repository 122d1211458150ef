namespace Lectures.Bptt;

/// <summary>One parameter's line in a <see cref="GradientCheckReport"/>.</summary>
/// <param name="Parameter">The parameter's name, e.g. "W".</param>
/// <param name="Shape">The gradient's shape.</param>
/// <param name="MaxAbsGradient">max |expected|, to judge the scale of the differences.</param>
/// <param name="MaxAbsDifference">max |expected − actual|.</param>
/// <param name="RelativeError">max|a − b| / max(max(|a| + |b|), tiny), see <see cref="GradientCheck.RelativeError"/>.</param>
public sealed record GradientCheckRow(string Parameter, long[] Shape, double MaxAbsGradient, double MaxAbsDifference, double RelativeError);

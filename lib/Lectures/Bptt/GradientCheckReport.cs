using System.Globalization;
using System.Text;

namespace Lectures.Bptt;

/// <summary>The result of <see cref="GradientCheck.Compare"/>: one row per parameter, printed as a table.</summary>
/// <param name="Rows">One row per parameter, in the order of the expected gradients.</param>
public sealed record GradientCheckReport(IReadOnlyList<GradientCheckRow> Rows)
{
    /// <summary>The worst relative error over all parameters.</summary>
    public double MaxRelativeError => Rows.Count == 0 ? 0 : Rows.Max(r => r.RelativeError);

    /// <summary>A fixed-width table: parameter, shape, max |gradient|, max |difference|, relative error.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine($"{"parameter",-10} {"shape",-14} {"max|grad|",12} {"max|diff|",12} {"rel. error",12}");
        foreach (var r in Rows)
            text.AppendLine(string.Format(inv, "{0,-10} {1,-14} {2,12:E3} {3,12:E3} {4,12:E3}",
                r.Parameter, Checks.Shape(r.Shape), r.MaxAbsGradient, r.MaxAbsDifference, r.RelativeError));
        return text.ToString();
    }
}

using System.Globalization;
using TorchSharp;
using Lectures.Bptt;
using static TorchSharp.torch;

namespace Lectures.Grading;

/// <summary>
/// Checks for the test cells of graded assignments. Each failed check throws <see cref="AssertionFailedException"/>
/// with a message naming the quantity, the expected value and the actual one; the grader scores a test cell that
/// throws as zero and shows the message in the student's feedback.
/// </summary>
/// <example>
/// <code>
/// using Lectures.Grading;
/// Assert.CloseRelative(autogradW, dW, 1e-7, "dL/dW");
/// Assert.CloseAbsolute(0.5708, fixedPoint, 1e-4, "fixed point");
/// Assert.Below(loss, 1.2, "training loss");
/// </code>
/// </example>
public static class Assert
{
    /// <summary>Fails with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    /// <param name="condition">What must be true.</param>
    /// <param name="message">What was checked, shown when it is false.</param>
    public static void True(bool condition, string message)
    {
        if (!condition) throw new AssertionFailedException(message);
    }

    /// <summary>Fails unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    /// <param name="expected">The right value.</param>
    /// <param name="actual">The value the answer gave.</param>
    /// <param name="what">The quantity's name, e.g. "number of steps".</param>
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new AssertionFailedException($"{what}: expected {Show(expected)}, got {Show(actual)}");
    }

    /// <summary>Fails unless |<paramref name="actual"/> − <paramref name="expected"/>| ≤ <paramref name="tolerance"/>.</summary>
    /// <param name="expected">The right value.</param>
    /// <param name="actual">The value the answer gave.</param>
    /// <param name="tolerance">The largest accepted absolute difference.</param>
    /// <param name="what">The quantity's name.</param>
    public static void CloseAbsolute(double expected, double actual, double tolerance, string what)
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
            throw new AssertionFailedException($"{what}: expected {Show(expected)} ± {Show(tolerance)}, got {Show(actual)}");
    }

    /// <summary>Fails unless <paramref name="actual"/> &lt; <paramref name="bound"/> (a loss a model must get under, say).</summary>
    /// <param name="actual">The value the answer reached.</param>
    /// <param name="bound">The value it must stay below.</param>
    /// <param name="what">The quantity's name.</param>
    public static void Below(double actual, double bound, string what)
    {
        if (!(actual < bound))
            throw new AssertionFailedException($"{what}: expected below {Show(bound)}, got {Show(actual)}");
    }

    /// <summary>
    /// Fails unless <paramref name="actual"/> has <paramref name="expected"/>'s shape and their relative error
    /// (<see cref="GradientCheck.RelativeError"/>: max|a − e| / max(|a| + |e|)) is at most <paramref name="tolerance"/>.
    /// A null or non-finite answer fails too.
    /// </summary>
    /// <param name="expected">The reference, e.g. a gradient from autograd in float64.</param>
    /// <param name="actual">The answer's tensor.</param>
    /// <param name="tolerance">The largest accepted relative error; 1e-7 suits float64 gradients, 1e-4 float32.</param>
    /// <param name="what">The tensor's name, e.g. "dL/dW".</param>
    public static void CloseRelative(Tensor expected, Tensor? actual, double tolerance, string what)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (actual is null) throw new AssertionFailedException($"{what}: expected a tensor of shape {Checks.Shape(expected)}, got null");
        if (!expected.shape.SequenceEqual(actual.shape))
            throw new AssertionFailedException($"{what}: expected shape {Checks.Shape(expected)}, got {Checks.Shape(actual)}");
        using var scope = NewDisposeScope();
        var a = actual.detach().to_type(ScalarType.Float64);
        var e = expected.detach().to_type(ScalarType.Float64);
        if (!a.isfinite().all().item<bool>())
            throw new AssertionFailedException($"{what}: expected finite values, got NaN or infinity");
        var error = GradientCheck.RelativeError(e, a);
        if (!(error <= tolerance))
        {
            var index = (a - e).abs().argmax().item<long>();
            var (ev, av) = (e.view(-1)[index].ToDouble(), a.view(-1)[index].ToDouble());
            throw new AssertionFailedException(
                $"{what}: relative error {Show(error)} exceeds {Show(tolerance)}; " +
                $"the largest difference is at flat index {index}: expected {Show(ev)}, got {Show(av)}");
        }
    }


    private static string Show<T>(T value) => value switch
    {
        null => "null",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

using TorchSharp;
using static TorchSharp.torch;

namespace Lectures;

/// <summary>
/// The library's argument checks. Every message names what was expected and what came, and every shape is printed
/// one way, <c>[2, 3]</c>, whichever class raises it.
/// </summary>
internal static class Checks
{
    /// <summary>A tensor's shape as <c>[2, 3]</c> (<c>[]</c> for a scalar).</summary>
    public static string Shape(Tensor t) => Shape(t.shape);

    /// <summary>A shape as <c>[2, 3]</c>.</summary>
    public static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>Exactly the <paramref name="expected"/> shape, e.g. a parameter of the manual BPTT classes.</summary>
    public static void HasShape(Tensor t, string name, params long[] expected)
    {
        if (!t.shape.SequenceEqual(expected))
            throw new ArgumentException($"{name}: expected shape {Shape(expected)}, got {Shape(t)}", name);
    }

    /// <summary>Exactly <paramref name="rank"/> dimensions, <paramref name="meaning"/> saying which, e.g. "(T, B, n)".</summary>
    public static void HasRank(Tensor t, string name, int rank, string meaning)
    {
        if (t.dim() != rank)
            throw new ArgumentException($"{name}: expected {rank} dimensions {meaning}, got shape {Shape(t)}", name);
    }

    /// <summary>Every tensor has the weights' dtype (no silent conversion).</summary>
    public static void SameDtype(ScalarType expected, params (Tensor t, string name)[] tensors)
    {
        foreach (var (t, name) in tensors)
            if (t.dtype != expected)
                throw new ArgumentException($"{name}: expected dtype {expected} like the weights, got {t.dtype}", name);
    }

    /// <summary>Rank, trailing size, dtype and device of a module's input, against the module's parameters.</summary>
    public static void Input(string module, Tensor input, int batchedRank, string layout, long inputSize, Tensor parameter)
    {
        if (input.dim() != batchedRank && input.dim() != batchedRank - 1)
            throw new ArgumentException(
                $"{module}: expected input of rank {batchedRank} {layout} or {batchedRank - 1} (unbatched), " +
                $"got rank {input.dim()} with shape {Shape(input)}.", nameof(input));
        if (input.shape[^1] != inputSize)
            throw new ArgumentException(
                $"{module}: expected input_size {inputSize} in the last dimension, got {input.shape[^1]} " +
                $"(input shape {Shape(input)}).", nameof(input));
        SameKind(module, "input", input, parameter);
    }

    /// <summary>The dtype and device of a tensor must be the module's parameters' (no silent conversion).</summary>
    public static void SameKind(string module, string what, Tensor t, Tensor parameter)
    {
        if (t.dtype != parameter.dtype)
            throw new ArgumentException(
                $"{module}: expected {what} of dtype {parameter.dtype} (the module's parameters), got {t.dtype}. " +
                $"Convert one of them with .to(...).", what);
        if (t.device.type != parameter.device.type || t.device.index != parameter.device.index)
            throw new ArgumentException(
                $"{module}: expected {what} on device {parameter.device} (the module's parameters), got {t.device}.", what);
    }

    /// <summary>A module's state tensor (h0, c0) must have exactly the expected shape; batch and hidden size get their own message.</summary>
    public static void State(string module, string what, Tensor state, long[] expected, Tensor parameter)
    {
        var actual = state.shape;
        if (actual.Length == expected.Length && actual.SequenceEqual(expected))
        {
            SameKind(module, what, state, parameter);
            return;
        }
        var hint = actual.Length != expected.Length ? $"rank {expected.Length}, got rank {actual.Length}"
            : actual[^1] != expected[^1] ? $"hidden_size {expected[^1]} in the last dimension, got {actual[^1]}"
            : expected.Length > 1 && actual[^2] != expected[^2] ? $"batch size {expected[^2]} (the input's), got {actual[^2]}"
            : $"{expected[0]} layers × directions in the first dimension, got {actual[0]}";
        throw new ArgumentException(
            $"{module}: expected {what} of shape {Shape(expected)}: {hint} ({what} shape {Shape(actual)}).", what);
    }
}

using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>Argument checks that name what was expected and what came.</summary>
internal static class Check
{
    public static void Shape(Tensor t, string name, params long[] expected)
    {
        if (!t.shape.SequenceEqual(expected))
            throw new ArgumentException(
                $"{name}: expected shape ({string.Join(", ", expected)}), got ({string.Join(", ", t.shape)})", name);
    }

    public static void Rank(Tensor t, string name, int rank, string meaning)
    {
        if (t.dim() != rank)
            throw new ArgumentException($"{name}: expected {rank} dimensions {meaning}, got shape ({string.Join(", ", t.shape)})", name);
    }

    public static void SameDtype(ScalarType expected, params (Tensor t, string name)[] tensors)
    {
        foreach (var (t, name) in tensors)
            if (t.dtype != expected)
                throw new ArgumentException($"{name}: expected dtype {expected} like the weights, got {t.dtype}", name);
    }
}

using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// Parameters of an LSTM or GRU in PyTorch's names and layout, plus the output layer y_t = V h_t + c.
/// The gates' weights are stacked row-wise: LSTM weight_ih (4H×I), weight_hh (4H×H) in gate order i, f, g, o;
/// GRU weight_ih (3H×I), weight_hh (3H×H) in gate order r, z, n. Copy them from nn.LSTMCell / nn.GRUCell as they are.
/// </summary>
/// <param name="weight_ih">Input-to-hidden weights of all gates, (G·H × I).</param>
/// <param name="weight_hh">Hidden-to-hidden weights of all gates, (G·H × H).</param>
/// <param name="bias_ih">Input-side biases of all gates, (G·H).</param>
/// <param name="bias_hh">Hidden-side biases of all gates, (G·H); the GRU's b_hn sits inside r ⊙ (W_hn h + b_hn).</param>
/// <param name="V">Hidden-to-output weights (k × H).</param>
/// <param name="c">Output bias (k).</param>
public sealed record GatedParameters(Tensor weight_ih, Tensor weight_hh, Tensor bias_ih, Tensor bias_hh, Tensor V, Tensor c)
{
    /// <summary>Hidden size H.</summary>
    public long HiddenSize => weight_hh.shape[1];

    /// <summary>Input size I.</summary>
    public long InputSize => weight_ih.shape[1];

    /// <summary>Output size k.</summary>
    public long OutputSize => V.shape[0];

    /// <summary>
    /// Random parameters for <paramref name="gates"/> stacked gates (4 for the LSTM, 3 for the GRU), drawn like
    /// PyTorch's default U(−1/√H, 1/√H) from torch's generator (seed it first).
    /// </summary>
    public static GatedParameters Random(long inputSize, long hiddenSize, long outputSize, int gates, ScalarType dtype = ScalarType.Float64)
    {
        var bound = 1 / Math.Sqrt(hiddenSize);
        Tensor Uniform(params long[] shape) => (rand(shape, dtype: dtype) * 2 - 1) * bound;
        return new(Uniform(gates * hiddenSize, inputSize), Uniform(gates * hiddenSize, hiddenSize),
                   Uniform(gates * hiddenSize), Uniform(gates * hiddenSize), Uniform(outputSize, hiddenSize), Uniform(outputSize));
    }

    /// <summary>The parameters by name ("weight_ih", "weight_hh", "bias_ih", "bias_hh", "V", "c").</summary>
    public IReadOnlyDictionary<string, Tensor> Named() => new Dictionary<string, Tensor>
    {
        ["weight_ih"] = weight_ih, ["weight_hh"] = weight_hh, ["bias_ih"] = bias_ih, ["bias_hh"] = bias_hh, ["V"] = V, ["c"] = c,
    };

    /// <summary>Checks every shape for <paramref name="gates"/> stacked gates, x (T, B, I) and the states (B, H).</summary>
    internal void CheckInputs(int gates, string cell, Tensor x, params (Tensor t, string name)[] states)
    {
        long H = HiddenSize, I = InputSize, k = OutputSize;
        Check.Rank(weight_hh, "weight_hh", 2, $"({gates}·H, H) for the {cell}");
        Check.Rank(weight_ih, "weight_ih", 2, $"({gates}·H, I) for the {cell}");
        Check.Rank(V, "V", 2, "(k, H)");
        Check.Shape(weight_hh, "weight_hh", gates * H, H);
        Check.Shape(weight_ih, "weight_ih", gates * H, I);
        Check.Shape(bias_ih, "bias_ih", gates * H);
        Check.Shape(bias_hh, "bias_hh", gates * H);
        Check.Shape(V, "V", k, H);
        Check.Shape(c, "c", k);
        Check.Rank(x, "x", 3, "(T, B, I)");
        Check.Shape(x, "x", x.shape[0], x.shape[1], I);
        foreach (var (t, name) in states) Check.Shape(t, name, x.shape[1], H);
        Check.SameDtype(weight_hh.dtype, [(weight_ih, "weight_ih"), (bias_ih, "bias_ih"), (bias_hh, "bias_hh"), (V, "V"), (c, "c"), (x, "x"), .. states]);
    }
}

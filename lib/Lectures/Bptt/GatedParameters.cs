using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// Parameters of an LSTM or GRU in PyTorch's names and layout, plus the output layer y_t = W_hy h_t + b_hy.
/// The gates' weights are stacked row-wise: LSTM weight_ih (4H×I), weight_hh (4H×H) in gate order i, f, g, o;
/// GRU weight_ih (3H×I), weight_hh (3H×H) in gate order r, z, n. Copy them from nn.LSTMCell / nn.GRUCell as they are.
/// The output layer is lecture 003's y_t = W_hy h_t with a bias; lecture 002 calls the same two V and c, names kept
/// for the vanilla RNN (<see cref="RnnParameters"/>) but not here, where c is the LSTM's cell state.
/// </summary>
/// <param name="weight_ih">Input-to-hidden weights of all gates, (G·H × I).</param>
/// <param name="weight_hh">Hidden-to-hidden weights of all gates, (G·H × H).</param>
/// <param name="bias_ih">Input-side biases of all gates, (G·H).</param>
/// <param name="bias_hh">Hidden-side biases of all gates, (G·H); the GRU's b_hn sits inside r ⊙ (W_hn h + b_hn).</param>
/// <param name="weight_hy">Hidden-to-output weights W_hy (k × H).</param>
/// <param name="bias_hy">Output bias b_hy (k).</param>
public sealed record GatedParameters(Tensor weight_ih, Tensor weight_hh, Tensor bias_ih, Tensor bias_hh, Tensor weight_hy, Tensor bias_hy)
{
    /// <summary>Hidden size H.</summary>
    public long HiddenSize => weight_hh.shape[1];

    /// <summary>Input size I.</summary>
    public long InputSize => weight_ih.shape[1];

    /// <summary>Output size k.</summary>
    public long OutputSize => weight_hy.shape[0];

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

    /// <summary>The parameters by name ("weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hy", "bias_hy").</summary>
    public IReadOnlyDictionary<string, Tensor> Named() => new Dictionary<string, Tensor>
    {
        ["weight_ih"] = weight_ih, ["weight_hh"] = weight_hh, ["bias_ih"] = bias_ih, ["bias_hh"] = bias_hh,
        ["weight_hy"] = weight_hy, ["bias_hy"] = bias_hy,
    };

    /// <summary>Checks every shape for <paramref name="gates"/> stacked gates, x (T, B, I) and the states (B, H).</summary>
    internal void CheckInputs(int gates, string cell, Tensor x, params (Tensor t, string name)[] states)
    {
        long H = HiddenSize, I = InputSize, k = OutputSize;
        Checks.HasRank(weight_hh, "weight_hh", 2, $"({gates}·H, H) for the {cell}");
        Checks.HasRank(weight_ih, "weight_ih", 2, $"({gates}·H, I) for the {cell}");
        Checks.HasRank(weight_hy, "weight_hy", 2, "(k, H)");
        Checks.HasShape(weight_hh, "weight_hh", gates * H, H);
        Checks.HasShape(weight_ih, "weight_ih", gates * H, I);
        Checks.HasShape(bias_ih, "bias_ih", gates * H);
        Checks.HasShape(bias_hh, "bias_hh", gates * H);
        Checks.HasShape(weight_hy, "weight_hy", k, H);
        Checks.HasShape(bias_hy, "bias_hy", k);
        Checks.HasRank(x, "x", 3, "(T, B, I)");
        if (x.shape[0] < 1) throw new ArgumentException($"x: expected at least one step, got shape {Checks.Shape(x)}", nameof(x));
        Checks.HasShape(x, "x", x.shape[0], x.shape[1], I);
        foreach (var (t, name) in states) Checks.HasShape(t, name, x.shape[1], H);
        Checks.SameDtype(weight_hh.dtype, [(weight_ih, "weight_ih"), (bias_ih, "bias_ih"), (bias_hh, "bias_hh"),
            (weight_hy, "weight_hy"), (bias_hy, "bias_hy"), (x, "x"), .. states]);
    }
}

using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// Parameters of the vanilla RNN in lecture 002's names: h_t = f(W h_{t−1} + U x_t + b), y_t = V h_t + c,
/// with W (d×d), U (d×n), b (d), V (k×d), c (k). The names are kept because the notebooks derive BPTT with them
/// (the vanilla RNN has no cell state, so c is only the output bias here; the gated cells call it bias_hy).
/// PyTorch's nn.RNN / nn.RNNCell names the same numbers weight_hh = W, weight_ih = U and splits b into
/// bias_ih + bias_hh (only the sum matters, so dL/dbias_ih = dL/dbias_hh = dL/db); see <see cref="FromPyTorch"/>.
/// </summary>
/// <param name="W">Hidden-to-hidden weights (d×d), PyTorch's weight_hh.</param>
/// <param name="U">Input-to-hidden weights (d×n), PyTorch's weight_ih.</param>
/// <param name="b">Hidden bias (d), PyTorch's bias_ih + bias_hh.</param>
/// <param name="V">Hidden-to-output weights (k×d).</param>
/// <param name="c">Output bias (k).</param>
public sealed record RnnParameters(Tensor W, Tensor U, Tensor b, Tensor V, Tensor c)
{
    /// <summary>Hidden size d.</summary>
    public long HiddenSize => W.shape[0];

    /// <summary>Input size n.</summary>
    public long InputSize => U.shape[1];

    /// <summary>Output size k.</summary>
    public long OutputSize => V.shape[0];

    /// <summary>Maps PyTorch's RNN parameters onto the lecture's: W = weight_hh, U = weight_ih, b = bias_ih + bias_hh.</summary>
    public static RnnParameters FromPyTorch(Tensor weight_ih, Tensor weight_hh, Tensor bias_ih, Tensor bias_hh, Tensor V, Tensor c) =>
        new(weight_hh.detach().clone(), weight_ih.detach().clone(), (bias_ih + bias_hh).detach(), V.detach().clone(), c.detach().clone());

    /// <summary>
    /// Random parameters drawn like PyTorch's default, U(−1/√d, 1/√d), from torch's generator (seed it first).
    /// </summary>
    public static RnnParameters Random(long inputSize, long hiddenSize, long outputSize, ScalarType dtype = ScalarType.Float64)
    {
        var bound = 1 / Math.Sqrt(hiddenSize);
        Tensor Uniform(params long[] shape) => (rand(shape, dtype: dtype) * 2 - 1) * bound;
        return new(Uniform(hiddenSize, hiddenSize), Uniform(hiddenSize, inputSize), Uniform(hiddenSize),
                   Uniform(outputSize, hiddenSize), Uniform(outputSize));
    }

    /// <summary>The parameters by name ("W", "U", "b", "V", "c"), e.g. for <see cref="GradientCheck.NumericalGradients"/>.</summary>
    public IReadOnlyDictionary<string, Tensor> Named() =>
        new Dictionary<string, Tensor> { ["W"] = W, ["U"] = U, ["b"] = b, ["V"] = V, ["c"] = c };

    /// <summary>Checks every shape against W's d and U's n, and x (T, B, n), h0 (B, d).</summary>
    internal void CheckInputs(Tensor x, Tensor h0)
    {
        long d = HiddenSize, n = InputSize, k = OutputSize;
        Checks.HasRank(W, "W", 2, "(d, d)");
        Checks.HasRank(U, "U", 2, "(d, n)");
        Checks.HasRank(V, "V", 2, "(k, d)");
        Checks.HasShape(W, "W", d, d);
        Checks.HasShape(U, "U", d, n);
        Checks.HasShape(b, "b", d);
        Checks.HasShape(V, "V", k, d);
        Checks.HasShape(c, "c", k);
        Checks.HasRank(x, "x", 3, "(T, B, n)");
        Checks.HasShape(x, "x", x.shape[0], x.shape[1], n);
        Checks.HasShape(h0, "h0", x.shape[1], d);
        Checks.SameDtype(W.dtype, (U, "U"), (b, "b"), (V, "V"), (c, "c"), (x, "x"), (h0, "h0"));
    }
}

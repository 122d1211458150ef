using Lectures.Cells;
using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>f, f' and the bound γ = max f' for each <see cref="RnnActivation"/>.</summary>
internal static class Activations
{
    public static Tensor Apply(RnnActivation f, Tensor a) => f switch
    {
        RnnActivation.Tanh => a.tanh(),
        RnnActivation.Relu => a.relu(),
        RnnActivation.Logistic => a.sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "expected Tanh, Relu or Logistic"),
    };

    /// <summary>f'(a), written with h = f(a) where that is how the lecture writes it (1 − h² for tanh).</summary>
    public static Tensor Derivative(RnnActivation f, Tensor a, Tensor h) => f switch
    {
        RnnActivation.Tanh => 1 - h * h,
        RnnActivation.Relu => a.gt(0).to_type(a.dtype),
        RnnActivation.Logistic => h * (1 - h),
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "expected Tanh, Relu or Logistic"),
    };

    /// <summary>γ = sup f'(a): 1/4 for the logistic, 1 for tanh and ReLU.</summary>
    public static double Gamma(RnnActivation f) => f switch
    {
        RnnActivation.Logistic => 0.25,
        RnnActivation.Tanh or RnnActivation.Relu => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "expected Tanh, Relu or Logistic"),
    };
}

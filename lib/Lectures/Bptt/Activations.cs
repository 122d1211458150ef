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

    /// <summary>dL/da = dL/dh ⊙ f'(a) for h = f(a), in as few tensor operations as the function allows.</summary>
    public static Tensor Backward(RnnActivation f, Tensor dh, Tensor a, Tensor h) => f switch
    {
        RnnActivation.Tanh => TanhBackward(dh, h),
        RnnActivation.Relu => dh.masked_fill(a.le(0), 0),
        RnnActivation.Logistic => SigmoidBackward(dh, h),
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "expected Tanh, Relu or Logistic"),
    };

    /// <summary>dL/da = dL/dy ⊙ y ⊙ (1 − y) for y = σ(a), computed as u − u ⊙ y with u = dL/dy ⊙ y.</summary>
    public static Tensor SigmoidBackward(Tensor dy, Tensor y)
    {
        var u = dy * y;
        return u.addcmul(u, y, -1);
    }

    /// <summary>dL/da = dL/dy ⊙ (1 − y²) for y = tanh(a), computed as dL/dy − (dL/dy ⊙ y) ⊙ y.</summary>
    public static Tensor TanhBackward(Tensor dy, Tensor y) => dy.addcmul(dy * y, y, -1);

    /// <summary>γ = sup f'(a): 1/4 for the logistic, 1 for tanh and ReLU.</summary>
    public static double Gamma(RnnActivation f) => f switch
    {
        RnnActivation.Logistic => 0.25,
        RnnActivation.Tanh or RnnActivation.Relu => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "expected Tanh, Relu or Logistic"),
    };
}

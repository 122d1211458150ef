using Lectures.Bptt;
using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Analysis;

/// <summary>
/// The Jacobians ∂h_t/∂h_k = Π_{j=k+1..t} diag(f'(a_j)) W of a vanilla RNN along one sequence, their norms, the
/// lecture's bound (γλ)^{t−k}, and the influence ‖∂h_t/∂x_1‖ of the first input. Indices are the lecture's:
/// t, k = 0..T with h_0 the initial state. Memory is (T+1)² d², fine for the small d a notebook plots.
/// </summary>
public sealed class HiddenJacobians
{
    private HiddenJacobians(RnnActivation activation, double lambda, params Tensor[] tensors)
    {
        foreach (var t in tensors) t.MoveToOuterDisposeScope();
        Activation = activation;
        Gamma = Activations.Gamma(activation);
        Lambda = lambda;
        (Preactivations, States, Jacobians, SpectralNorms, FrobeniusNorms, Bounds, InputInfluence) =
            (tensors[0], tensors[1], tensors[2], tensors[3], tensors[4], tensors[5], tensors[6]);
    }

    /// <summary>
    /// Runs h_t = f(W h_{t−1} + U x_t + b) over one sequence x (T, n) from h0 (d) and collects every ∂h_t/∂h_k.
    /// </summary>
    public static HiddenJacobians Of(Tensor W, Tensor U, Tensor b, Tensor x, Tensor h0, RnnActivation activation)
    {
        Checks.HasRank(x, "x", 2, "(T, n): one sequence, no batch");
        Checks.HasRank(h0, "h0", 1, "(d): one state, no batch");
        if (x.shape[0] < 1) throw new ArgumentException("x: expected at least one step, got T = 0", nameof(x));
        Checks.HasShape(W, "W", h0.shape[0], h0.shape[0]);
        Checks.HasShape(U, "U", h0.shape[0], x.shape[1]);
        Checks.HasShape(b, "b", h0.shape[0]);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long T = x.shape[0], d = h0.shape[0];
        var W64 = W.to_type(ScalarType.Float64);
        var U64 = U.to_type(ScalarType.Float64);
        var a = new Tensor[T + 1];
        var h = new Tensor[T + 1];
        var step = new Tensor[T + 1];   // ∂h_j/∂h_{j−1} = diag(f'(a_j)) W
        h[0] = h0.to_type(ScalarType.Float64);
        a[0] = zeros(d, dtype: ScalarType.Float64);   // no a_0; a placeholder so a[t] is a_t
        for (var j = 1; j <= T; j++)
        {
            a[j] = W64.matmul(h[j - 1]) + U64.matmul(x[j - 1].to_type(ScalarType.Float64)) + b.to_type(ScalarType.Float64);
            h[j] = Activations.Apply(activation, a[j]);
            step[j] = Activations.Derivative(activation, a[j], h[j]).unsqueeze(1) * W64;
        }
        var J = zeros(T + 1, T + 1, d, d, dtype: ScalarType.Float64);
        for (var t = 0; t <= T; t++)
        {
            var product = eye(d, dtype: ScalarType.Float64);   // ∂h_t/∂h_t = I
            J[t, t] = product;
            for (var k = t - 1; k >= 0; k--)
            {
                product = product.matmul(step[k + 1]);   // ∂h_t/∂h_k = ∂h_t/∂h_{k+1} · diag(f'(a_{k+1})) W
                J[t, k] = product;
            }
        }
        // ∂h_t/∂x_1 = ∂h_t/∂h_1 · diag(f'(a_1)) U
        var dh1_dx1 = Activations.Derivative(activation, a[1], h[1]).unsqueeze(1) * U64;
        var influence = linalg.svdvals(J[TensorIndex.Slice(1, T + 1), 1].matmul(dh1_dx1)).max(-1).values;
        var lambda = linalg.svdvals(W64).max().ToDouble();   // λ = ‖W‖₂
        var spectral = linalg.svdvals(J).max(-1).values;
        var frobenius = J.pow(2).sum([-2L, -1L]).sqrt();
        var t_ = arange(T + 1, dtype: ScalarType.Float64).unsqueeze(1);
        var k_ = arange(T + 1, dtype: ScalarType.Float64).unsqueeze(0);
        var gamma = Activations.Gamma(activation);
        var bounds = pow(gamma * lambda, (t_ - k_).clamp_min(0)).where(t_ >= k_, zeros(1, dtype: ScalarType.Float64));   // (γλ)^{t−k}
        return new HiddenJacobians(activation, lambda, stack(a, 0), stack(h, 0), J, spectral, frobenius, bounds, influence);
    }

    /// <summary>The nonlinearity f.</summary>
    public RnnActivation Activation { get; }

    /// <summary>a_t for t = 0..T as (T+1, d); row 0 is a zero placeholder.</summary>
    public Tensor Preactivations { get; }

    /// <summary>h_t for t = 0..T as (T+1, d).</summary>
    public Tensor States { get; }

    /// <summary>(T+1, T+1, d, d): [t, k] = ∂h_t/∂h_k for k ≤ t (the identity for k = t), zero for k &gt; t.</summary>
    public Tensor Jacobians { get; }

    /// <summary>(T+1, T+1): the spectral norm ‖∂h_t/∂h_k‖₂ (largest singular value); zero for k &gt; t.</summary>
    public Tensor SpectralNorms { get; }

    /// <summary>(T+1, T+1): the Frobenius norm √Σ J_ij² of ∂h_t/∂h_k; zero for k &gt; t.</summary>
    public Tensor FrobeniusNorms { get; }

    /// <summary>γ = sup f': 1/4 for the logistic, 1 for tanh and ReLU.</summary>
    public double Gamma { get; }

    /// <summary>λ = ‖W‖₂, the largest singular value of W.</summary>
    public double Lambda { get; }

    /// <summary>(T+1, T+1): the bound (γλ)^{t−k} ≥ ‖∂h_t/∂h_k‖₂ for k ≤ t; zero for k &gt; t.</summary>
    public Tensor Bounds { get; }

    /// <summary>(T): entry t−1 is ‖∂h_t/∂x_1‖₂, how much the first input still moves h_t.</summary>
    public Tensor InputInfluence { get; }

    /// <summary>∂h_t/∂h_k (d×d) for 0 ≤ k ≤ t ≤ T.</summary>
    public Tensor Jacobian(int t, int k)
    {
        if (k < 0 || k > t || t >= Jacobians.shape[0])
            throw new ArgumentOutOfRangeException(nameof(k), $"expected 0 ≤ k ≤ t ≤ {Jacobians.shape[0] - 1}, got t = {t}, k = {k}");
        return Jacobians[t, k];
    }
}

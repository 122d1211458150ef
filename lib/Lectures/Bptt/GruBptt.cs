using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// BPTT by hand for the GRU in PyTorch's parameterisation (gate order r, z, n):
/// <code>
/// r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)      z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)
/// n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))
/// h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}               y_t = V h_t + c
/// </code>
/// PyTorch's z keeps the old state (the lecture's slides write h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h'_t, the same cell
/// with z ↔ 1 − z). Inputs are time-major: x (T, B, I), h0 (B, H).
/// </summary>
/// <param name="loss">The per-step loss L_t.</param>
/// <param name="setting">Whether every step has an output and a target, or only the last.</param>
public sealed class GruBptt(LossKind loss, OutputSetting setting)
{
    /// <summary>The per-step loss L_t.</summary>
    public LossKind LossKind => loss;

    /// <summary>Many-to-many or many-to-one.</summary>
    public OutputSetting Setting => setting;

    /// <summary>The forward pass only: the loss L as a scalar tensor (differentiable).</summary>
    public Tensor Loss(GatedParameters p, Tensor x, Tensor h0, Tensor target) =>
        OutputLayer.Loss(loss, Forward(p, x, h0, target).y, target);

    /// <summary>Full BPTT: dL/dθ and dL/dh_0 (dc0 is null).</summary>
    public GatedGradients Backward(GatedParameters p, Tensor x, Tensor h0, Tensor target)
    {
        using var scope = NewDisposeScope();
        var fw = Forward(p, x, h0, target);
        var T = fw.T;
        var dys = OutputLayer.StepGradients(loss, setting, fw.y, target, T);   // dL_t/dy_t, (T, B, k)
        var dhLoss = dys.matmul(p.V).unbind(0);                                // ∂L_t/∂h_t = (dL_t/dy_t) V
        var dgi = new Tensor[T + 1];   // dL/d(W_i· x_t + b_i·) for r, z, n
        var dgh = new Tensor[T + 1];   // dL/d(W_h· h_{t−1} + b_h·) for r, z, n
        var dh_next = zeros_like(h0);
        for (var t = T; t >= 1; t--)
        {
            var h_prev = fw.h[t - 1];
            var dh = dhLoss[t - 1] + dh_next;                      // h_t feeds y_t and step t+1
            var dn = dh * (1 - fw.z[t]);                              // h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
            var dz = dh * (h_prev - fw.n[t]);
            var dh_prev = dh * fw.z[t];
            var da_n = dn * (1 - fw.n[t].pow(2));                     // n_t = tanh(a_n), a_n = gi_n + r_t ⊙ gh_n
            var dgh_n = da_n * fw.r[t];
            var dr = da_n * fw.gh_n[t];
            var da_z = dz * fw.z[t] * (1 - fw.z[t]);                  // z_t = σ(a_z)
            var da_r = dr * fw.r[t] * (1 - fw.r[t]);                  // r_t = σ(a_r)
            dgi[t] = cat([da_r, da_z, da_n], 1);
            dgh[t] = cat([da_r, da_z, dgh_n], 1);
            dh_next = dh_prev + dgh[t].matmul(p.weight_hh);           // gh = W_hh h_{t−1} + b_hh
        }
        var (dweight_ih, dbias_ih) = GateGradients.Sum(dgi[1..], fw.x);              // Σ_t dgi_tᵀ x_t
        var (dweight_hh, dbias_hh) = GateGradients.Sum(dgh[1..], fw.hAll[..^1]);     // Σ_t dgh_tᵀ h_{t−1}
        var (dV, dc) = OutputLayer.ParameterGradients(dys, fw.hAll[1..], 0, T);
        var L = OutputLayer.Loss(loss, fw.y, target).ToDouble();
        return new GatedGradients(L, dweight_ih, dweight_hh, dbias_ih, dbias_hh, dV, dc, dh_next, null).MoveToOuterDisposeScope();
    }

    /// <summary>The same gradients from TorchSharp's autograd on <see cref="Loss"/>.</summary>
    public GatedGradients Autograd(GatedParameters p, Tensor x, Tensor h0, Tensor target)
    {
        var (L, g) = AutogradReference.Gradients([p.weight_ih, p.weight_hh, p.bias_ih, p.bias_hh, p.V, p.c, h0],
            l => Loss(new GatedParameters(l[0], l[1], l[2], l[3], l[4], l[5]), x, l[6], target));
        return new GatedGradients(L, g[0], g[1], g[2], g[3], g[4], g[5], g[6], null);
    }

    /// <summary>What the forward pass caches; arrays are indexed by the lecture's t (index 0 holds h_0 only).</summary>
    private sealed record Cache(long T, Tensor x, Tensor[] r, Tensor[] z, Tensor[] n, Tensor[] gh_n, Tensor[] h,
        Tensor hAll, Tensor y);

    private Cache Forward(GatedParameters p, Tensor x, Tensor h0, Tensor target)
    {
        p.CheckInputs(3, "GRU", x, (h0, "h0"));
        long T = x.shape[0], B = x.shape[1];
        OutputLayer.CheckTarget(loss, setting, target, T, B, p.OutputSize);
        var gi = (x.matmul(p.weight_ih.T) + p.bias_ih).unbind(0);   // W_i· x_t + b_i· for all t in one matmul
        Tensor[] r = new Tensor[T + 1], z = new Tensor[T + 1], n = new Tensor[T + 1], gh_n = new Tensor[T + 1], h = new Tensor[T + 1];
        h[0] = h0;
        r[0] = z[0] = n[0] = gh_n[0] = null!;   // no gates at t = 0
        for (var t = 1; t <= T; t++)
        {
            var i_ = gi[t - 1].chunk(3, 1);
            var h_ = (h[t - 1].matmul(p.weight_hh.T) + p.bias_hh).chunk(3, 1);
            r[t] = (i_[0] + h_[0]).sigmoid();
            z[t] = (i_[1] + h_[1]).sigmoid();
            gh_n[t] = h_[2];
            n[t] = (i_[2] + r[t] * gh_n[t]).tanh();
            h[t] = (1 - z[t]) * n[t] + z[t] * h[t - 1];
        }
        var hAll = stack(h, 0);
        var y = OutputLayer.Forward(hAll[1..], p.V, p.c, setting);
        return new Cache(T, x, r, z, n, gh_n, h, hAll, y);
    }
}

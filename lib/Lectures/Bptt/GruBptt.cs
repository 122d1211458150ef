using Lectures.Grading;
using Lectures.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// BPTT by hand for the GRU in PyTorch's parameterisation (gate order r, z, n), written like cs231n's step functions:
/// <see cref="StepForward"/> runs one step and returns a cache, <see cref="StepBackward"/> undoes its lines in reverse
/// order, and a sequence is a loop over each.
/// <code>
/// r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)      z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)
/// n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))
/// h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}               y_t = W_hy h_t + b_hy
/// </code>
/// PyTorch's z keeps the old state (lecture 001 writes h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h'_t, the same cell with
/// z ↔ 1 − z), and its reset gate multiplies W_hn h_{t−1} + b_hn after the matmul. Inputs are time-major:
/// x (T, B, I), h0 (B, H).
/// </summary>
/// <param name="loss">The per-step loss L_t.</param>
/// <param name="flavour">Whether every step has an output and a target, or only the last.</param>
public sealed class GruBptt(LossKind loss, SequenceFlavour flavour)
{
    /// <summary>The per-step loss L_t.</summary>
    public LossKind LossKind => loss;

    /// <summary>Which steps have an output and a target.</summary>
    public SequenceFlavour Flavour => flavour;

    /// <summary>
    /// One step forward. <paramref name="xw"/> is the input's share, W_ih x_t + b_ih (B, 3H): it does not depend on h,
    /// so a sequence computes it for all steps in one matmul. b_hh stays apart: b_hn sits inside r ⊙ (W_hn h + b_hn).
    /// </summary>
    /// <param name="xw">W_ih x_t + b_ih, (B, 3H).</param>
    /// <param name="h_prev">h_{t−1}, (B, H).</param>
    /// <param name="weight_hh">W_hh, (3H, H).</param>
    /// <param name="bias_hh">b_hh, (3H), or null for a GRU without biases.</param>
    /// <returns>h_t and what <see cref="StepBackward"/> needs.</returns>
    public static (Tensor h, GruStepCache cache) StepForward(Tensor xw, Tensor h_prev, Tensor weight_hh, Tensor? bias_hh)
    {
        var x_ = xw.chunk(3, 1);                                         // W_i· x_t + b_i· for r, z, n
        var h_ = nn.functional.linear(h_prev, weight_hh, bias_hh).chunk(3, 1);   // W_h· h_{t−1} + b_h· for r, z, n
        var r = (x_[0] + h_[0]).sigmoid();                               // r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)   reset gate
        var z = (x_[1] + h_[1]).sigmoid();                               // z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)   update gate
        var n = x_[2].addcmul(r, h_[2], 1).tanh();                       // n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))
        var h = n.lerp(h_prev, z);                                       // h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
        return (h, new GruStepCache(r, z, n, h_[2], h_prev));
    }

    /// <summary>One step backward: <see cref="StepForward"/>'s lines undone from the last to the first.</summary>
    /// <param name="dh">dL/dh_t: from the step's output and from step t+1.</param>
    /// <param name="cache">The step's cache.</param>
    /// <param name="weight_hh">W_hh, (3H, H).</param>
    /// <returns>
    /// dL/d(W_ih x_t + b_ih) and dL/d(W_hh h_{t−1} + b_hh), (B, 3H) each in gate order r, z, n (they differ in the n
    /// block), and dL/dh_{t−1}. A sequence sums the weights' gradients once after its loop: dL/dW_ih = Σ_t dxw_tᵀ x_t,
    /// dL/dW_hh = Σ_t dhw_tᵀ h_{t−1}, dL/db_ih = Σ_t dxw_t, dL/db_hh = Σ_t dhw_t.
    /// </returns>
    public static (Tensor dxw, Tensor dhw, Tensor dh_prev) StepBackward(Tensor dh, GruStepCache cache, Tensor weight_hh)
    {
        ByHand.Guard(typeof(GruBptt));
        var (r, z, n, hw_n, h_prev) = cache;
        var dh_prev = dh * z;                                            // h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
        var dn = dh - dh_prev;
        var dz = dh * (h_prev - n);
        var da_n = Activations.TanhBackward(dn, n);                      // n_t = tanh(a_n), a_n = W_in x_t + b_in + r_t ⊙ hw_n
        var dr = da_n * hw_n;
        var dhw_n = da_n * r;
        var da_z = Activations.SigmoidBackward(dz, z);                   // z_t = σ(a_z)
        var da_r = Activations.SigmoidBackward(dr, r);                   // r_t = σ(a_r)
        var dxw = cat([da_r, da_z, da_n], 1);
        var dhw = cat([da_r, da_z, dhw_n], 1);
        return (dxw, dhw, dh_prev.addmm(dhw, weight_hh));               // hw = W_hh h_{t−1} + b_hh
    }

    /// <summary>The recurrence over a sequence, a loop over <see cref="StepForward"/>: h_0..h_T and one cache per step.</summary>
    internal static (Tensor[] h, GruStepCache[] caches) SequenceForward(Tensor[] xw, Tensor h0, Tensor weight_hh, Tensor? bias_hh)
    {
        var (h, caches) = (new Tensor[xw.Length + 1], new GruStepCache[xw.Length]);
        h[0] = h0;
        for (var t = 1; t <= xw.Length; t++)
            (h[t], caches[t - 1]) = StepForward(xw[t - 1], h[t - 1], weight_hh, bias_hh);
        return (h, caches);
    }

    /// <summary>
    /// BPTT over a sequence, a loop over <see cref="StepBackward"/> for t = T..1. <paramref name="dh_out"/>[t−1] is
    /// ∂L/∂h_t from outside the recurrence, <paramref name="dh_T"/> what arrives after the last step.
    /// Returns dxw_t and dhw_t for every step and dL/dh_0.
    /// </summary>
    internal static (Tensor[] dxw, Tensor[] dhw, Tensor dh0) SequenceBackward(Tensor[] dh_out, Tensor dh_T, GruStepCache[] caches, Tensor weight_hh)
    {
        var (dxw, dhw) = (new Tensor[caches.Length], new Tensor[caches.Length]);
        var dh_next = dh_T;   // dL/dh_t arriving from step t+1
        for (var t = caches.Length; t >= 1; t--)
            (dxw[t - 1], dhw[t - 1], dh_next) = StepBackward(dh_out[t - 1] + dh_next, caches[t - 1], weight_hh);
        return (dxw, dhw, dh_next);
    }

    /// <summary>The forward pass only: the loss L as a scalar tensor (differentiable).</summary>
    public Tensor Loss(GatedParameters p, Tensor x, Tensor h0, Tensor target) =>
        OutputLayer.Loss(loss, Run(p, x, h0, target).y, target);

    /// <summary>Full BPTT: dL/dθ and dL/dh_0 (dc0 is null).</summary>
    public GatedGradients Backward(GatedParameters p, Tensor x, Tensor h0, Tensor target)
    {
        ByHand.Guard(typeof(GruBptt));
        using var scope = NewDisposeScope();
        var (h, caches, y) = Run(p, x, h0, target);
        var dy = OutputLayer.StepGradients(loss, flavour, y, target, x.shape[0]);   // dL_t/dy_t, (T, B, k)
        var dh_out = dy.matmul(p.weight_hy).unbind(0);                              // ∂L_t/∂h_t = (dL_t/dy_t) W_hy
        var (dxw, dhw, dh0) = SequenceBackward(dh_out, zeros_like(h0), caches, p.weight_hh);
        var (dweight_ih, dbias_ih) = AffineGradients.Sum(stack(dxw, 0), x);                     // Σ_t dxw_tᵀ x_t
        var (dweight_hh, dbias_hh) = AffineGradients.Sum(stack(dhw, 0), stack(h[..^1], 0));    // Σ_t dhw_tᵀ h_{t−1}
        var (dweight_hy, dbias_hy) = AffineGradients.Sum(dy, stack(h[1..], 0));                 // y_t = W_hy h_t + b_hy
        var L = OutputLayer.Loss(loss, y, target).ToDouble();
        return new GatedGradients(L, dweight_ih, dweight_hh, dbias_ih, dbias_hh, dweight_hy, dbias_hy, dh0, null)
            .MoveToOuterDisposeScope();
    }

    /// <summary>The same gradients from TorchSharp's autograd on <see cref="Loss"/>.</summary>
    public GatedGradients Autograd(GatedParameters p, Tensor x, Tensor h0, Tensor target)
    {
        ByHand.Guard(typeof(GruBptt));
        var (L, g) = AutogradReference.Gradients([p.weight_ih, p.weight_hh, p.bias_ih, p.bias_hh, p.weight_hy, p.bias_hy, h0],
            l => Loss(new GatedParameters(l[0], l[1], l[2], l[3], l[4], l[5]), x, l[6], target));
        return new GatedGradients(L, g[0], g[1], g[2], g[3], g[4], g[5], g[6], null);
    }

    /// <summary>Checks the inputs, runs the recurrence and the output layer: h_0..h_T, the caches and y.</summary>
    private (Tensor[] h, GruStepCache[] caches, Tensor y) Run(GatedParameters p, Tensor x, Tensor h0, Tensor target)
    {
        p.CheckInputs(3, "GRU", x, (h0, "h0"));
        OutputLayer.CheckTarget(loss, flavour, target, x.shape[0], x.shape[1], p.OutputSize);
        var xw = (x.matmul(p.weight_ih.T) + p.bias_ih).unbind(0);   // W_ih x_t + b_ih for all t in one matmul
        var (h, caches) = SequenceForward(xw, h0, p.weight_hh, p.bias_hh);
        var y = OutputLayer.Forward(stack(h[1..], 0), p.weight_hy, p.bias_hy, flavour);
        return (h, caches, y);
    }
}

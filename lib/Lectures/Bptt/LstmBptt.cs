using Lectures.Grading;
using Lectures.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// BPTT by hand for the LSTM in PyTorch's parameterisation (gate order i, f, g, o), written like cs231n's
/// lstm_step_forward / lstm_step_backward: <see cref="StepForward"/> runs one step and returns a cache,
/// <see cref="StepBackward"/> undoes its lines in reverse order, and a sequence is a loop over each.
/// <code>
/// a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh = [a_i a_f a_g a_o]
/// i_t = σ(a_i)    f_t = σ(a_f)    g_t = tanh(a_g)    o_t = σ(a_o)
/// c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t       h_t = o_t ⊙ tanh(c_t)       y_t = W_hy h_t + b_hy
/// </code>
/// Lecture 003 stacks the gates as [i f o g] = [σ σ σ tanh] W [h_{t−1}; x_t]: the same numbers, with the rows in
/// another order and W split into W_hh and W_ih. Inputs are time-major: x (T, B, I), h0 and c0 (B, H).
/// </summary>
/// <param name="loss">The per-step loss L_t.</param>
/// <param name="flavour">Whether every step has an output and a target, or only the last.</param>
public sealed class LstmBptt(LossKind loss, SequenceFlavour flavour)
{
    /// <summary>The per-step loss L_t.</summary>
    public LossKind LossKind => loss;

    /// <summary>Which steps have an output and a target.</summary>
    public SequenceFlavour Flavour => flavour;

    /// <summary>
    /// One step forward. <paramref name="xw"/> is the input's share of the gates' pre-activations,
    /// W_ih x_t + b_ih + b_hh (B, 4H): it does not depend on h, so a sequence computes it for all steps in one matmul
    /// (PyTorch's fused cells take these "input gates" the same way).
    /// </summary>
    /// <param name="xw">W_ih x_t + b_ih + b_hh, (B, 4H).</param>
    /// <param name="h_prev">h_{t−1}, (B, H).</param>
    /// <param name="c_prev">c_{t−1}, (B, H).</param>
    /// <param name="weight_hh">W_hh, (4H, H).</param>
    /// <returns>h_t, c_t and what <see cref="StepBackward"/> needs.</returns>
    public static (Tensor h, Tensor c, LstmStepCache cache) StepForward(Tensor xw, Tensor h_prev, Tensor c_prev, Tensor weight_hh)
    {
        var a = nn.functional.linear(h_prev, weight_hh, xw).chunk(4, 1);   // a_t = W_hh h_{t−1} + (W_ih x_t + b) = [a_i a_f a_g a_o]
        var i = a[0].sigmoid();                                 // i_t = σ(a_i)        input gate
        var f = a[1].sigmoid();                                 // f_t = σ(a_f)        forget gate
        var g = a[2].tanh();                                    // g_t = tanh(a_g)     candidate
        var o = a[3].sigmoid();                                 // o_t = σ(a_o)        output gate
        var c = (f * c_prev).addcmul(i, g, 1);                  // c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
        var tanh_c = c.tanh();
        var h = o * tanh_c;                                     // h_t = o_t ⊙ tanh(c_t)
        return (h, c, new LstmStepCache(i, f, g, o, c_prev, tanh_c));
    }

    /// <summary>
    /// One step backward: <see cref="StepForward"/>'s lines undone from the last to the first.
    /// </summary>
    /// <param name="dh">dL/dh_t: from the step's output and from step t+1.</param>
    /// <param name="dc_next">dL/dc_t arriving from step t+1 (zeros after the last step).</param>
    /// <param name="cache">The step's cache.</param>
    /// <param name="weight_hh">W_hh, (4H, H).</param>
    /// <returns>
    /// da = dL/da_t (B, 4H) in gate order i, f, g, o, which is also dL/d(W_ih x_t + b); dL/dh_{t−1}; dL/dc_{t−1}.
    /// The weights' gradients are sums over steps, dL/dW_ih = Σ_t da_tᵀ x_t, dL/dW_hh = Σ_t da_tᵀ h_{t−1},
    /// dL/db = Σ_t da_t, which a sequence takes once after its loop.
    /// </returns>
    public static (Tensor da, Tensor dh_prev, Tensor dc_prev) StepBackward(Tensor dh, Tensor dc_next, LstmStepCache cache, Tensor weight_hh)
    {
        ByHand.Guard(typeof(LstmBptt));
        var (i, f, g, o, c_prev, tanh_c) = cache;
        var d_o = dh * tanh_c;                                  // h_t = o_t ⊙ tanh(c_t)
        var dc = dc_next + Activations.TanhBackward(dh * o, tanh_c);   //   c_t feeds h_t and c_{t+1}
        var df = dc * c_prev;                                   // c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
        var di = dc * g;
        var dg = dc * i;
        var dc_prev = dc * f;
        var da_o = Activations.SigmoidBackward(d_o, o);         // o_t = σ(a_o)
        var da_g = Activations.TanhBackward(dg, g);             // g_t = tanh(a_g)
        var da_f = Activations.SigmoidBackward(df, f);          // f_t = σ(a_f)
        var da_i = Activations.SigmoidBackward(di, i);          // i_t = σ(a_i)
        var da = cat([da_i, da_f, da_g, da_o], 1);
        var dh_prev = da.mm(weight_hh);                         // a_t = (W_ih x_t + b) + W_hh h_{t−1}
        return (da, dh_prev, dc_prev);
    }

    /// <summary>The recurrence over a sequence, a loop over <see cref="StepForward"/>: h_0..h_T, c_T and one cache per step.</summary>
    internal static (Tensor[] h, Tensor c, LstmStepCache[] caches) SequenceForward(Tensor[] xw, Tensor h0, Tensor c0, Tensor weight_hh)
    {
        var (h, caches, c) = (new Tensor[xw.Length + 1], new LstmStepCache[xw.Length], c0);
        h[0] = h0;
        for (var t = 1; t <= xw.Length; t++)
            (h[t], c, caches[t - 1]) = StepForward(xw[t - 1], h[t - 1], c, weight_hh);
        return (h, c, caches);
    }

    /// <summary>
    /// BPTT over a sequence, a loop over <see cref="StepBackward"/> for t = T..1. <paramref name="dh_out"/>[t−1] is
    /// ∂L/∂h_t from outside the recurrence (the output layer, or the layer above); <paramref name="dh_T"/> and
    /// <paramref name="dc_T"/> arrive after the last step (zeros when the loss does not read the final state).
    /// Returns da_t for every step and dL/dh_0, dL/dc_0.
    /// </summary>
    internal static (Tensor[] da, Tensor dh0, Tensor dc0) SequenceBackward(Tensor[] dh_out, Tensor dh_T, Tensor dc_T,
        LstmStepCache[] caches, Tensor weight_hh)
    {
        var da = new Tensor[caches.Length];
        var (dh_next, dc_next) = (dh_T, dc_T);   // dL/dh_t and dL/dc_t arriving from step t+1
        for (var t = caches.Length; t >= 1; t--)
            (da[t - 1], dh_next, dc_next) = StepBackward(dh_out[t - 1] + dh_next, dc_next, caches[t - 1], weight_hh);
        return (da, dh_next, dc_next);
    }

    /// <summary>The forward pass only: the loss L as a scalar tensor (differentiable).</summary>
    public Tensor Loss(GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target) =>
        OutputLayer.Loss(loss, Run(p, x, h0, c0, target).y, target);

    /// <summary>Full BPTT: dL/dθ, dL/dh_0 and dL/dc_0.</summary>
    public GatedGradients Backward(GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target)
    {
        ByHand.Guard(typeof(LstmBptt));
        using var scope = NewDisposeScope();
        var (h, caches, y) = Run(p, x, h0, c0, target);
        var dy = OutputLayer.StepGradients(loss, flavour, y, target, x.shape[0]);   // dL_t/dy_t, (T, B, k)
        var dh_out = dy.matmul(p.weight_hy).unbind(0);                              // ∂L_t/∂h_t = (dL_t/dy_t) W_hy
        var (da, dh0, dc0) = SequenceBackward(dh_out, zeros_like(h0), zeros_like(c0), caches, p.weight_hh);
        var daAll = stack(da, 0);
        var (dweight_ih, dbias) = AffineGradients.Sum(daAll, x);                    // Σ_t da_tᵀ x_t, Σ_t da_t
        var (dweight_hh, _) = AffineGradients.Sum(daAll, stack(h[..^1], 0));        // Σ_t da_tᵀ h_{t−1}
        var (dweight_hy, dbias_hy) = AffineGradients.Sum(dy, stack(h[1..], 0));     // y_t = W_hy h_t + b_hy
        var L = OutputLayer.Loss(loss, y, target).ToDouble();
        return new GatedGradients(L, dweight_ih, dweight_hh, dbias, dbias.clone(), dweight_hy, dbias_hy, dh0, dc0)
            .MoveToOuterDisposeScope();
    }

    /// <summary>The same gradients from TorchSharp's autograd on <see cref="Loss"/>.</summary>
    public GatedGradients Autograd(GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target)
    {
        ByHand.Guard(typeof(LstmBptt));
        var (L, g) = AutogradReference.Gradients([p.weight_ih, p.weight_hh, p.bias_ih, p.bias_hh, p.weight_hy, p.bias_hy, h0, c0],
            l => Loss(new GatedParameters(l[0], l[1], l[2], l[3], l[4], l[5]), x, l[6], l[7], target));
        return new GatedGradients(L, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]);
    }

    /// <summary>Checks the inputs, runs the recurrence and the output layer: h_0..h_T, the caches and y.</summary>
    private (Tensor[] h, LstmStepCache[] caches, Tensor y) Run(GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target)
    {
        p.CheckInputs(4, "LSTM", x, (h0, "h0"), (c0, "c0"));
        OutputLayer.CheckTarget(loss, flavour, target, x.shape[0], x.shape[1], p.OutputSize);
        var xw = (x.matmul(p.weight_ih.T) + p.bias_ih + p.bias_hh).unbind(0);   // W_ih x_t + b for all t in one matmul
        var (h, _, caches) = SequenceForward(xw, h0, c0, p.weight_hh);
        var y = OutputLayer.Forward(stack(h[1..], 0), p.weight_hy, p.bias_hy, flavour);
        return (h, caches, y);
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// BPTT by hand for the LSTM in PyTorch's parameterisation (gate order i, f, g, o):
/// <code>
/// i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)     f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)
/// g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)  o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)
/// c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t                    h_t = o_t ⊙ tanh(c_t)                y_t = V h_t + c
/// </code>
/// The forward pass caches the gates, the backward pass walks t = T..1 undoing one line at a time.
/// Inputs are time-major: x (T, B, I), h0 and c0 (B, H).
/// </summary>
/// <param name="loss">The per-step loss L_t.</param>
/// <param name="setting">Whether every step has an output and a target, or only the last.</param>
public sealed class LstmBptt(LossKind loss, OutputSetting setting)
{
    /// <summary>The per-step loss L_t.</summary>
    public LossKind LossKind => loss;

    /// <summary>Many-to-many or many-to-one.</summary>
    public OutputSetting Setting => setting;

    /// <summary>The forward pass only: the loss L as a scalar tensor (differentiable).</summary>
    public Tensor Loss(GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target) =>
        OutputLayer.Loss(loss, Forward(p, x, h0, c0, target).y, target);

    /// <summary>Full BPTT: dL/dθ, dL/dh_0 and dL/dc_0.</summary>
    public GatedGradients Backward(GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target)
    {
        using var scope = NewDisposeScope();
        var fw = Forward(p, x, h0, c0, target);
        var T = fw.T;
        var dys = OutputLayer.StepGradients(loss, setting, fw.y, target, T);   // dL_t/dy_t, (T, B, k)
        var dhLoss = dys.matmul(p.V).unbind(0);                                // ∂L_t/∂h_t = (dL_t/dy_t) V
        var da = new Tensor[T + 1];
        var dh_next = zeros_like(h0);   // dL/dh_t arriving from step t+1
        var dc_next = zeros_like(c0);   // dL/dc_t arriving from step t+1
        for (var t = T; t >= 1; t--)
        {
            var dh = dhLoss[t - 1] + dh_next;                         // h_t feeds y_t and step t+1
            var dc = dc_next + dh * fw.o[t] * (1 - fw.tanh_c[t].pow(2));  // h_t = o_t ⊙ tanh(c_t)
            var d_o = dh * fw.tanh_c[t];
            var di = dc * fw.g[t];                                       // c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
            var dg = dc * fw.i[t];
            var df = dc * fw.c[t - 1];
            dc_next = dc * fw.f[t];
            da[t] = cat([di * fw.i[t] * (1 - fw.i[t]),                  // i_t = σ(a_i)
                         df * fw.f[t] * (1 - fw.f[t]),                  // f_t = σ(a_f)
                         dg * (1 - fw.g[t].pow(2)),                     // g_t = tanh(a_g)
                         d_o * fw.o[t] * (1 - fw.o[t])], 1);            // o_t = σ(a_o)
            dh_next = da[t].matmul(p.weight_hh);                         // a_t = … + W_hh h_{t−1} + b_hh
        }
        var (dweight_ih, dbias) = GateGradients.Sum(da[1..], fw.x);          // dL/dW_ih = Σ_t da_tᵀ x_t
        var (dweight_hh, _) = GateGradients.Sum(da[1..], fw.hAll[..^1]);   // dL/dW_hh = Σ_t da_tᵀ h_{t−1}
        var (dV, dc_out) = OutputLayer.ParameterGradients(dys, fw.hAll[1..], 0, T);
        var L = OutputLayer.Loss(loss, fw.y, target).ToDouble();
        return new GatedGradients(L, dweight_ih, dweight_hh, dbias, dbias.clone(), dV, dc_out, dh_next, dc_next).MoveToOuterDisposeScope();
    }

    /// <summary>The same gradients from TorchSharp's autograd on <see cref="Loss"/>.</summary>
    public GatedGradients Autograd(GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target)
    {
        var (L, g) = AutogradReference.Gradients([p.weight_ih, p.weight_hh, p.bias_ih, p.bias_hh, p.V, p.c, h0, c0],
            l => Loss(new GatedParameters(l[0], l[1], l[2], l[3], l[4], l[5]), x, l[6], l[7], target));
        return new GatedGradients(L, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]);
    }

    /// <summary>What the forward pass caches; arrays are indexed by the lecture's t (index 0 holds c_0 and h_0 only).</summary>
    private sealed record Cache(long T, Tensor x, Tensor[] i, Tensor[] f, Tensor[] g, Tensor[] o, Tensor[] c, Tensor[] tanh_c,
        Tensor hAll, Tensor y);

    private Cache Forward(GatedParameters p, Tensor x, Tensor h0, Tensor c0, Tensor target)
    {
        p.CheckInputs(4, "LSTM", x, (h0, "h0"), (c0, "c0"));
        long T = x.shape[0], B = x.shape[1];
        OutputLayer.CheckTarget(loss, setting, target, T, B, p.OutputSize);
        var Wx_b = (x.matmul(p.weight_ih.T) + p.bias_ih).unbind(0);   // W_i· x_t + b_i· for all t in one matmul
        Tensor[] i = new Tensor[T + 1], f = new Tensor[T + 1], g = new Tensor[T + 1], o = new Tensor[T + 1];
        Tensor[] c = new Tensor[T + 1], tanh_c = new Tensor[T + 1], h = new Tensor[T + 1];
        (h[0], c[0]) = (h0, c0);
        i[0] = f[0] = g[0] = o[0] = tanh_c[0] = null!;   // no gates at t = 0
        for (var t = 1; t <= T; t++)
        {
            var a = (Wx_b[t - 1] + h[t - 1].matmul(p.weight_hh.T) + p.bias_hh).chunk(4, 1);
            i[t] = a[0].sigmoid();
            f[t] = a[1].sigmoid();
            g[t] = a[2].tanh();
            o[t] = a[3].sigmoid();
            c[t] = f[t] * c[t - 1] + i[t] * g[t];
            tanh_c[t] = c[t].tanh();
            h[t] = o[t] * tanh_c[t];
        }
        var hAll = stack(h, 0);
        var y = OutputLayer.Forward(hAll[1..], p.V, p.c, setting);
        return new Cache(T, x, i, f, g, o, c, tanh_c, hAll, y);
    }
}

using Lectures.Grading;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// One layer and direction of a recurrent layer as a custom autograd function whose backward pass is this folder's
/// hand-written BPTT. The forward runs the cell's step function over the sequence with autograd off (TorchSharp's
/// <c>MultiTensorFunction</c> does that) and saves only what the backward needs: the input, the weights, the states
/// h_0..h_{T−1} and the step caches, stacked over time. The backward runs the sequence's backward loop once and turns
/// the per-step gradients of the two projections into every gradient with one matmul each.
/// Arguments: x (T, B, I), the initial states (B, H), weight_ih, weight_hh, bias_ih, bias_hh (both null without
/// biases), then an optional option of the cell (the RNN's activation). Results: h_1..h_T (T, B, H), then the final
/// states.
/// </summary>
/// <typeparam name="TSelf">The function (TorchSharp keeps one instance per type).</typeparam>
/// <typeparam name="TCache">The cell's step cache.</typeparam>
internal abstract class BpttFunction<TSelf, TCache> : autograd.MultiTensorFunction<TSelf>
    where TSelf : BpttFunction<TSelf, TCache>, new()
    where TCache : IStepCache<TCache>
{
    /// <summary>The state tensors: 1 (h) or 2 (h, c).</summary>
    protected abstract int States { get; }

    /// <summary>The input's share of every step, (T, B, G·H): W_ih x_t + b_ih + b_hh, or + b_ih only (GRU).</summary>
    protected virtual Tensor Project(Tensor x, Tensor w_ih, Tensor? b_ih, Tensor? b_hh) =>
        nn.functional.linear(x, w_ih, b_ih is null ? null : b_ih + b_hh!);

    /// <summary>The sequence's forward loop: h_0..h_T, the other final states (c_T) and the caches.</summary>
    protected abstract (Tensor[] h, Tensor[] otherFinal, TCache[] caches) Forward(Tensor[] xw, Tensor[] state, Tensor w_hh,
        Tensor? b_hh, object? option);

    /// <summary>
    /// The sequence's backward loop: per step dL/d(input projection) and dL/d(W_hh h_{t−1} + b_hh) (the same array for
    /// the LSTM and the RNN, where both biases act alike), and dL/d(initial states).
    /// </summary>
    protected abstract (Tensor[] dxw, Tensor[] dhw, Tensor[] dstate) Backward(Tensor[] dh_out, Tensor[] dfinal, TCache[] caches,
        Tensor w_hh, object? option);

    /// <inheritdoc />
    public sealed override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
    {
        ByHand.Guard(GetType(), "forward (the layers' ManualBptt fast path)");
        var x = (Tensor)vars[0];
        var state = vars[1..(1 + States)].Cast<Tensor>().ToArray();
        var (w_ih, w_hh) = ((Tensor)vars[1 + States], (Tensor)vars[2 + States]);
        var (b_ih, b_hh) = (vars[3 + States] as Tensor, vars[4 + States] as Tensor);
        var option = vars.Length > 5 + States ? vars[5 + States] : null;
        var (h, otherFinal, caches) = Forward(Project(x, w_ih, b_ih, b_hh).unbind(0), state, w_hh, b_hh, option);
        ctx.save_for_backward([x, w_ih, w_hh, stack(h[..^1], 0), .. StepCaches.Stack(caches)]);
        // TorchSharp would fill the gradient of an unused result with zeros shaped like a copy it keeps in the caller's
        // dispose scope, which has ended by then (a layer's forward disposes it); the backward fills them itself.
        ctx.set_materialize_grads(false);
        ctx.save_data("bias", b_ih is not null);
        ctx.save_data("input needs a gradient", x.requires_grad);
        ctx.save_data("arguments", vars.Length);
        if (option is not null) ctx.save_data("option", option);
        return [stack(h[1..], 0), h[^1], .. otherFinal];
    }

    /// <inheritdoc />
    public sealed override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> grad_outputs)
    {
        // No guard here: this runs inside autograd's native callback, where an exception ends the process. A graph made
        // inside a by-hand scope was already refused by forward; one made before the scope backpropagates as usual.
        using var lifted = ByHand.Lifted();
        using var scope = NewDisposeScope();
        var saved = ctx.get_saved_variables();
        var (x, w_ih, w_hh, h_prev) = (saved[0], saved[1], saved[2], saved[3]);
        var caches = StepCaches.Unstack<TCache>(saved.Skip(4));
        Tensor Or(Tensor grad, Tensor like) => grad is null || grad.IsInvalid ? zeros_like(like) : grad;   // an unused result
        var dh_out = Or(grad_outputs[0], h_prev).unbind(0);
        var dfinal = grad_outputs.Skip(1).Select(g => Or(g, h_prev[0])).ToArray();
        var (dxw, dhw, dstate) = Backward(dh_out, dfinal, caches, w_hh, ctx.get_data("option"));
        var dxwAll = stack(dxw, 0);
        var dhwAll = ReferenceEquals(dxw, dhw) ? dxwAll : stack(dhw, 0);
        var dx = (bool)ctx.get_data("input needs a gradient") ? dxwAll.matmul(w_ih) : null;   // xw_t = W_ih x_t + b
        var (dw_ih, db_ih) = AffineGradients.Sum(dxwAll, x);             // Σ_t dxw_tᵀ x_t, Σ_t dxw_t
        var (dw_hh, db_hh) = AffineGradients.Sum(dhwAll, h_prev);        // Σ_t dhw_tᵀ h_{t−1}, Σ_t dhw_t
        var bias = (bool)ctx.get_data("bias");
        var result = new List<Tensor> { dx! };
        result.AddRange(dstate);
        result.AddRange([dw_ih, dw_hh, bias ? db_ih : null!, bias ? db_hh : null!]);
        while (result.Count < (int)ctx.get_data("arguments")) result.Add(null!);   // the option has no gradient
        foreach (var r in result) r?.MoveToOuterDisposeScope();
        return result;
    }
}

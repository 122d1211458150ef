using Lectures.Cells;
using Lectures.Grading;
using Lectures.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// Backpropagation through time by hand for the vanilla RNN h_t = f(W h_{t−1} + U x_t + b), y_t = V h_t + c,
/// written like min-char-rnn and cs231n's rnn_step_forward / rnn_step_backward: <see cref="StepForward"/> caches a_t
/// and h_t, <see cref="StepBackward"/> mirrors it line by line, and the backward pass walks t = T..1 over it. Inputs are time-major like PyTorch: x (T, B, n), h0 (B, d); the loss is summed over steps and rows.
/// Time indices in comments and arguments are the lecture's: t = 1..T, h_0 the initial state.
/// </summary>
/// <param name="activation">The nonlinearity f.</param>
/// <param name="loss">The per-step loss L_t.</param>
/// <param name="flavour">Whether every step has an output and a target, or only the last.</param>
public sealed class RnnBptt(RnnActivation activation, LossKind loss, SequenceFlavour flavour)
{
    /// <summary>The nonlinearity f.</summary>
    public RnnActivation Activation => activation;

    /// <summary>The per-step loss L_t.</summary>
    public LossKind LossKind => loss;

    /// <summary>Which steps have an output and a target.</summary>
    public SequenceFlavour Flavour => flavour;

    /// <summary>
    /// One step forward, cs231n's rnn_step_forward. <paramref name="xw"/> is the input's share U x_t + b (B, d): it
    /// does not depend on h, so a sequence computes it for all steps in one matmul.
    /// </summary>
    /// <param name="xw">U x_t + b, (B, d).</param>
    /// <param name="h_prev">h_{t−1}, (B, d).</param>
    /// <param name="W">The hidden-to-hidden weights, (d, d).</param>
    /// <param name="f">The nonlinearity.</param>
    /// <returns>h_t and what <see cref="StepBackward"/> needs.</returns>
    public static (Tensor h, RnnStepCache cache) StepForward(Tensor xw, Tensor h_prev, Tensor W, RnnActivation f)
    {
        var a = nn.functional.linear(h_prev, W, xw);      // a_t = W h_{t−1} + (U x_t + b)
        var h = Activations.Apply(f, a);                   // h_t = f(a_t)
        return (h, new RnnStepCache(a, h));
    }

    /// <summary>One step backward, <see cref="StepForward"/>'s lines undone from the last to the first.</summary>
    /// <param name="dh">dL/dh_t: from the step's output and from step t+1.</param>
    /// <param name="cache">The step's cache.</param>
    /// <param name="W">The hidden-to-hidden weights, (d, d).</param>
    /// <param name="f">The nonlinearity.</param>
    /// <returns>
    /// da = dL/da_t (B, d), also dL/d(U x_t + b), and dL/dh_{t−1}. The weights' gradients are sums over steps,
    /// dL/dW = Σ_t da_tᵀ h_{t−1}, dL/dU = Σ_t da_tᵀ x_t, dL/db = Σ_t da_t, which a sequence takes once after its loop.
    /// </returns>
    public static (Tensor da, Tensor dh_prev) StepBackward(Tensor dh, RnnStepCache cache, Tensor W, RnnActivation f)
    {
        ByHand.Guard(typeof(RnnBptt));
        var da = Activations.Backward(f, dh, cache.a, cache.h);      // h_t = f(a_t): da = dh ⊙ f'(a_t)
        var dh_prev = da.mm(W);                                      // a_t = W h_{t−1} + …  ⇒  dL/dh_{t−1} = da_t W
        return (da, dh_prev);
    }

    /// <summary>The recurrence over a sequence, a loop over <see cref="StepForward"/>: h_0..h_T and one cache per step.</summary>
    internal static (Tensor[] h, RnnStepCache[] caches) SequenceForward(Tensor[] xw, Tensor h0, Tensor W, RnnActivation f)
    {
        var (h, caches) = (new Tensor[xw.Length + 1], new RnnStepCache[xw.Length]);
        h[0] = h0;
        for (var t = 1; t <= xw.Length; t++)
            (h[t], caches[t - 1]) = StepForward(xw[t - 1], h[t - 1], W, f);
        return (h, caches);
    }

    /// <summary>
    /// BPTT over the steps of <paramref name="caches"/>, a loop over <see cref="StepBackward"/> from the last to the
    /// first. <paramref name="dh_out"/>[j] is ∂L/∂h from outside the recurrence at the j-th of those steps (null: no
    /// loss there), <paramref name="dh_last"/> what arrives after the last one. Returns da for every step and dL/dh
    /// of the state before the first.
    /// </summary>
    internal static (Tensor[] da, Tensor dh_first) SequenceBackward(Tensor?[] dh_out, Tensor dh_last, RnnStepCache[] caches, Tensor W, RnnActivation f)
    {
        var da = new Tensor[caches.Length];
        var dh_next = dh_last;                   // dL/dh_t arriving from step t+1
        for (var j = caches.Length - 1; j >= 0; j--)
            (da[j], dh_next) = StepBackward(dh_out[j] is { } d ? d + dh_next : dh_next, caches[j], W, f);   // h_t feeds y_t and a_{t+1}
        return (da, dh_next);
    }

    /// <summary>The forward pass only: the loss L as a scalar tensor (differentiable, so autograd and finite differences can use it).</summary>
    public Tensor Loss(RnnParameters p, Tensor x, Tensor h0, Tensor target)
    {
        var fw = Forward(p, x, h0, target);
        return OutputLayer.Loss(loss, fw.y, target);
    }

    /// <summary>
    /// Full BPTT: dL/dθ for L = Σ_t L_t. With <paramref name="stepTerms"/> the result also holds every term of the
    /// lecture's sum over k (see <see cref="RnnGradients.StepTermsW"/>); that costs T backward passes and T²d² memory.
    /// </summary>
    public RnnGradients Backward(RnnParameters p, Tensor x, Tensor h0, Tensor target, bool stepTerms = false)
    {
        ByHand.Guard(typeof(RnnBptt));
        using var scope = NewDisposeScope();
        var fw = ForwardForBackward(p, x, h0, target);
        var T = fw.T;
        var grads = Gradients(fw, p, lossFirst: 1, first: 1, last: T);
        if (stepTerms) grads = grads with { StepTermsW = StepTerms(fw, p) };
        return grads.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Truncated gradient with a window of <paramref name="k2"/> steps: each L_t backpropagates only to steps
    /// k = t−k2+1..t, i.e. the lecture's sum over k cut to t − k &lt; k2. With k2 ≥ T it equals <see cref="Backward"/>.
    /// dh0 collects only the windows that reach back to step 1.
    /// </summary>
    public RnnGradients Windowed(RnnParameters p, Tensor x, Tensor h0, Tensor target, int k2)
    {
        ByHand.Guard(typeof(RnnBptt));
        if (k2 < 1) throw new ArgumentOutOfRangeException(nameof(k2), k2, "expected a window of at least 1 step");
        using var scope = NewDisposeScope();
        var fw = ForwardForBackward(p, x, h0, target);
        var T = fw.T;
        RnnGradients? sum = null;
        for (var t = !OutputLayer.EveryStep(flavour) ? T : 1; t <= T; t++)
        {
            var first = Math.Max(1, t - k2 + 1);
            var g = Gradients(fw, p, lossFirst: t, first: first, last: t);
            if (first > 1) g = g with { dh0 = zeros_like(g.dh0) };   // this window stops before reaching h_0
            sum = sum is null ? g : sum.Plus(g);
        }
        return sum!.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Truncated BPTT(k1, k2) over a long sequence: after every k1 steps (s = k1, 2k1, …, and finally T), the losses
    /// of the steps since the previous update backpropagate k2 steps, to step s−k2+1. Returns one gradient per update,
    /// all evaluated at the same parameters so a notebook can compare them with the full gradient (a training loop
    /// would update between them).
    /// Each result's dh0 is the gradient with respect to h_{s−k2}, where its window starts.
    /// </summary>
    public IReadOnlyList<RnnGradients> Truncated(RnnParameters p, Tensor x, Tensor h0, Tensor target, int k1, int k2)
    {
        ByHand.Guard(typeof(RnnBptt));
        if (k1 < 1 || k2 < k1)
            throw new ArgumentOutOfRangeException(nameof(k2), $"expected 1 ≤ k1 ≤ k2, got k1 = {k1}, k2 = {k2}");
        using var scope = NewDisposeScope();
        var fw = ForwardForBackward(p, x, h0, target);
        var T = fw.T;
        var updates = new List<RnnGradients>();
        for (long previous = 0, s = Math.Min(k1, T); previous < T; previous = s, s = Math.Min(s + k1, T))
            updates.Add(Gradients(fw, p, lossFirst: previous + 1, first: Math.Max(1, s - k2 + 1), last: s));
        return updates.Select(u => u.MoveToOuterDisposeScope()).ToList();
    }

    /// <summary>The same gradients from TorchSharp's autograd on <see cref="Loss"/>, the reference for the manual pass.</summary>
    public RnnGradients Autograd(RnnParameters p, Tensor x, Tensor h0, Tensor target)
    {
        ByHand.Guard(typeof(RnnBptt));
        var (L, g) = AutogradReference.Gradients([p.W, p.U, p.b, p.V, p.c, h0],
            l => Loss(new RnnParameters(l[0], l[1], l[2], l[3], l[4]), x, l[5], target));
        return new RnnGradients(L, g[0], g[1], g[2], g[3], g[4], g[5]);
    }

        /// <summary>What the forward pass caches; arrays are indexed by the lecture's t (steps[0] does not exist).</summary>
    private sealed record Cache(long T, RnnStepCache[] steps, Tensor[] h, Tensor hAll, Tensor x, Tensor y, Tensor target)
    {
        /// <summary>dL_t/dy_t as (T, B, k), set by <see cref="ForwardForBackward"/> before any backward pass.</summary>
        public Tensor dys { get; init; } = null!;

        /// <summary>∂L_t/∂h_t = (dL_t/dy_t) V, the loss's direct share of dL/dh_t, indexed by t.</summary>
        public Tensor[] dhLoss { get; init; } = null!;
    }

    private Cache Forward(RnnParameters p, Tensor x, Tensor h0, Tensor target)
    {
        p.CheckInputs(x, h0);
        long T = x.shape[0], B = x.shape[1];
        OutputLayer.CheckTarget(loss, flavour, target, T, B, p.OutputSize);
        var xw = (x.matmul(p.U.T) + p.b).unbind(0);      // U x_t + b for all t in one matmul: it does not depend on h
        var (h, steps) = SequenceForward(xw, h0, p.W, activation);
        var hAll = stack(h, 0);                             // h_0..h_T as (T+1, B, d)
        var y = OutputLayer.Forward(hAll[1..], p.V, p.c, flavour);   // y_t = V h_t + c
        return new Cache(T, [null!, .. steps], h, hAll, x, y, target);
    }

    /// <summary>The forward pass plus the output layer's gradients, the start of every backward pass.</summary>
    private Cache ForwardForBackward(RnnParameters p, Tensor x, Tensor h0, Tensor target)
    {
        var fw = Forward(p, x, h0, target);
        var dys = OutputLayer.StepGradients(loss, flavour, fw.y, target, fw.T);   // dL_t/dy_t, (T, B, k)
        return fw with { dys = dys, dhLoss = [null!, .. dys.matmul(p.V).unbind(0)] };   // ∂L_t/∂h_t = (dL_t/dy_t) V
    }

    /// <summary>
    /// One backward pass through steps last..first, with the losses L_lossFirst..L_last injected on the way.
    /// Returns the parameter gradients of exactly those losses restricted to those steps.
    /// </summary>
    private RnnGradients Gradients(Cache fw, RnnParameters p, long lossFirst, long first, long last)
    {
        var (da, dh_first) = BackwardSteps(fw, p, lossFirst, first, last);
        var daAll = stack(da, 0);                                          // da_t for t = first..last
        var (dW, db) = AffineGradients.Sum(daAll, fw.hAll[TensorIndex.Slice(first - 1, last)]);   // Σ_t da_tᵀ h_{t−1}, Σ_t da_t
        var (dU, _) = AffineGradients.Sum(daAll, fw.x[TensorIndex.Slice(first - 1, last)]);        // Σ_t da_tᵀ x_t
        var outputs = TensorIndex.Slice(lossFirst - 1, last);
        var (dV, dc) = AffineGradients.Sum(fw.dys[outputs], fw.hAll[1..][outputs]);                // y_t = V h_t + c
        var L = LossOfSteps(fw, lossFirst, last);
        return new RnnGradients(L, dW, dU, db, dV, dc, dh_first);
    }

    /// <summary>The backward loop over steps last..first with the losses from lossFirst on; returns da_t and dL/dh_{first−1}.</summary>
    private (Tensor[] da, Tensor dh_first) BackwardSteps(Cache fw, RnnParameters p, long lossFirst, long first, long last)
    {
        var dh_out = Enumerable.Range((int)first, (int)(last - first + 1)).Select(t => t >= lossFirst ? fw.dhLoss[t] : null).ToArray();
        return SequenceBackward(dh_out, zeros_like(fw.h[0]), fw.steps[(int)first..(int)(last + 1)], p.W, activation);
    }

    /// <summary>Entry [t−1, k−1] = da_k^(t)ᵀ h_{k−1}, where da^(t) backpropagates L_t alone.</summary>
    private Tensor StepTerms(Cache fw, RnnParameters p)
    {
        var T = fw.T;
        var d = p.HiddenSize;
        var terms = zeros(T, T, d, d, dtype: p.W.dtype);
        for (var t = 1; t <= T; t++)
        {
            var (da, _) = BackwardSteps(fw, p, lossFirst: t, first: 1, last: t);
            for (var k = 1; k <= t; k++)
                terms[t - 1, k - 1] = da[k - 1].T.matmul(fw.h[k - 1]);   // ∂L_t/∂h_t · ∂h_t/∂h_k · ∂⁺h_k/∂W
        }
        return terms;
    }

    private double LossOfSteps(Cache fw, long lossFirst, long last)
    {
        if (!OutputLayer.EveryStep(flavour))
            return last == fw.T ? OutputLayer.Loss(loss, fw.y, fw.target).ToDouble() : 0.0;
        var range = TensorIndex.Slice(lossFirst - 1, last);
        return OutputLayer.Loss(loss, fw.y[range], fw.target[range]).ToDouble();
    }
}

using Lectures.Bptt;
using Lectures.Layers;
using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Bptt;

/// <summary>Truncated gradients and the per-step terms of the sum over k, against autograd on explicit graphs.</summary>
[Trait("Category", "Gradients")]
public class RnnTruncationTests
{
    // Tiny tensors: intra-op threads only add synchronisation, which costs seconds when other jobs share the cores.
    public RnnTruncationTests() => torch.set_num_threads(1);

    private const long T = 9, B = 2, n = 3, d = 4, k = 3;

    private static (RnnParameters p, Tensor x, Tensor h0, Tensor target) Problem(int seed, LossKind loss)
    {
        manual_seed(seed);
        var p = RnnParameters.Random(n, d, k);
        p = p with { W = p.W * 3 };
        return (p, randn(T, B, n, dtype: float64), randn(B, d, dtype: float64), RandomProblem.Target(loss, SequenceFlavour.ManyToMany, T, B, k));
    }

    /// <summary>
    /// Autograd on a graph that starts at step <paramref name="first"/> from h_{first−1} computed without a graph
    /// (the truncation), with only the losses at steps lossFirst..last, and one copy of W per step.
    /// Returns the loss, the parameter leaves and the per-step copies of W.
    /// </summary>
    private static (Tensor L, Tensor[] leaves, Tensor[] Ws) Window(RnnActivation f, LossKind loss, RnnParameters p, Tensor x, Tensor h0, Tensor target,
        long lossFirst, long first, long last)
    {
        Tensor F(Tensor a) => f switch { RnnActivation.Tanh => a.tanh(), RnnActivation.Relu => a.relu(), _ => a.sigmoid() };
        var h = h0;
        using (no_grad())
            for (var t = 1; t < first; t++) h = F(h.matmul(p.W.T) + x[t - 1].matmul(p.U.T) + p.b);
        var leaves = new[] { p.W, p.U, p.b, p.V, p.c, h }.Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        var (W, U, b, V, c) = (leaves[0], leaves[1], leaves[2], leaves[3], leaves[4]);
        h = leaves[5];
        var Ws = new Tensor[last + 1];
        Tensor L = zeros(1, dtype: float64);
        for (var t = first; t <= last; t++)
        {
            Ws[t] = W * 1.0;   // a distinct node per step: its gradient is the ∂⁺h_t/∂W part
            Ws[t].retain_grad();
            h = F(h.matmul(Ws[t].T) + x[t - 1].matmul(U.T) + b);
            if (t < lossFirst) continue;
            var y = h.matmul(V.T) + c;
            L = L + (loss == LossKind.SquaredError
                ? 0.5 * (y - target[t - 1]).pow(2).sum()
                : nn.functional.cross_entropy(y, target[t - 1], reduction: nn.Reduction.Sum));
        }
        return (L, leaves, Ws);
    }

    private static Dictionary<string, Tensor> Grads(Tensor[] leaves) => new()
    {
        ["W"] = leaves[0].grad!, ["U"] = leaves[1].grad!, ["b"] = leaves[2].grad!, ["V"] = leaves[3].grad!, ["c"] = leaves[4].grad!, ["h0"] = leaves[5].grad!,
    };

    [Theory]
    [InlineData(RnnActivation.Tanh, LossKind.SquaredError, 1, 1)]
    [InlineData(RnnActivation.Tanh, LossKind.CrossEntropy, 3, 5)]
    [InlineData(RnnActivation.Logistic, LossKind.SquaredError, 2, 2)]
    [InlineData(RnnActivation.Relu, LossKind.CrossEntropy, 4, 9)]
    [InlineData(RnnActivation.Tanh, LossKind.SquaredError, 5, 7)]
    public void Every_tbptt_k1_k2_update_equals_autograd_with_the_state_detached_where_its_window_starts(RnnActivation f, LossKind loss, int k1, int k2)
    {
        using var scope = NewDisposeScope();
        var (p, x, h0, target) = Problem(k1 * 10 + k2, loss);
        var updates = new RnnBptt(f, loss, SequenceFlavour.ManyToMany).Truncated(p, x, h0, target, k1, k2);

        Assert.Equal((int)Math.Ceiling(T / (double)k1), updates.Count);
        for (var i = 0; i < updates.Count; i++)
        {
            var s = Math.Min((i + 1) * k1, T);
            using var grad = enable_grad();
            var (L, leaves, _) = Window(f, loss, p, x, h0, target, lossFirst: i * k1 + 1, first: Math.Max(1, s - k2 + 1), last: s);
            L.backward();
            var report = GradientCheck.Compare(Grads(leaves), updates[i].Named());
            Assert.True(report.MaxRelativeError < 1e-10, $"update ending at step {s}:\n{report}");
            Assert.Equal(L.ToDouble(), updates[i].Loss, 10);
        }

        // Every loss is counted once: with windows as long as the sequence, the updates add up to the full gradient.
        var bptt = new RnnBptt(f, loss, SequenceFlavour.ManyToMany);
        var whole = bptt.Truncated(p, x, h0, target, k1, (int)T);
        var full = bptt.Backward(p, x, h0, target);
        Assert.Equal(full.Loss, whole.Sum(u => u.Loss), 10);
        Assert.True(GradientCheck.RelativeError(full.dW, whole.Select(u => u.dW).Aggregate((a, b) => a + b)) < 1e-12);
        Assert.True(GradientCheck.RelativeError(full.dV, whole.Select(u => u.dV).Aggregate((a, b) => a + b)) < 1e-12);
    }

    [Fact]
    public void The_k2_window_sums_truncated_terms_and_a_window_of_T_steps_is_the_full_gradient()
    {
        using var scope = NewDisposeScope();
        var (p, x, h0, target) = Problem(7, LossKind.SquaredError);
        var bptt = new RnnBptt(RnnActivation.Tanh, LossKind.SquaredError, SequenceFlavour.ManyToMany);
        var full = bptt.Backward(p, x, h0, target, stepTerms: true);

        Assert.True(GradientCheck.Compare(full.Named(), bptt.Windowed(p, x, h0, target, (int)T).Named()).MaxRelativeError < 1e-12);

        const int k2 = 3;
        var windowed = bptt.Windowed(p, x, h0, target, k2);
        var tbptt = bptt.Truncated(p, x, h0, target, 1, k2);
        Assert.True(GradientCheck.RelativeError(windowed.dW, tbptt.Select(u => u.dW).Aggregate((a, b) => a + b)) < 1e-12);

        // The window keeps exactly the terms of the sum over k with t − k < k2.
        var t = arange(T).unsqueeze(1);
        var kk = arange(T).unsqueeze(0);
        var kept = (t - kk).lt(k2).logical_and((t - kk).ge(0)).to_type(float64).unsqueeze(-1).unsqueeze(-1);
        Assert.True(GradientCheck.RelativeError(windowed.dW, (full.StepTermsW! * kept).sum([0L, 1L])) < 1e-12);
        Assert.True(GradientCheck.RelativeError(windowed.dW, full.dW) > 1e-6, "truncation should change this gradient");
    }

    [Fact]
    public void Each_step_term_is_the_gradient_of_L_t_through_the_copy_of_W_used_at_step_k()
    {
        using var scope = NewDisposeScope();
        var (p, x, h0, target) = Problem(3, LossKind.CrossEntropy);
        var bptt = new RnnBptt(RnnActivation.Tanh, LossKind.CrossEntropy, SequenceFlavour.ManyToMany);
        var full = bptt.Backward(p, x, h0, target, stepTerms: true);
        var terms = full.StepTermsW!;

        Assert.Equal(new[] { T, T, d, d }, terms.shape);
        Assert.True(GradientCheck.RelativeError(full.dW, terms.sum([0L, 1L])) < 1e-12);
        for (var t = 1; t <= T; t++)
        {
            using var grad = enable_grad();
            var (L, _, Ws) = Window(RnnActivation.Tanh, LossKind.CrossEntropy, p, x, h0, target, lossFirst: t, first: 1, last: t);
            L.backward();
            for (var kStep = 1; kStep <= T; kStep++)
            {
                var expected = kStep <= t ? Ws[kStep].grad! : zeros(d, d, dtype: float64);
                Assert.True(GradientCheck.RelativeError(expected, terms[t - 1, kStep - 1], tiny: 1e-30) < 1e-10, $"term t = {t}, k = {kStep}");
            }
        }
    }

    [Fact]
    public void Wrong_shapes_and_dtypes_are_named_in_the_error()
    {
        var (p, x, h0, target) = Problem(1, LossKind.SquaredError);
        var bptt = new RnnBptt(RnnActivation.Tanh, LossKind.SquaredError, SequenceFlavour.ManyToMany);
        var e = Assert.Throws<ArgumentException>(() => bptt.Backward(p, x, randn(B + 1, d, dtype: float64), target));
        Assert.Contains($"h0: expected shape [{B}, {d}], got [{B + 1}, {d}]", e.Message);
        e = Assert.Throws<ArgumentException>(() => bptt.Backward(p, x.to_type(float32), h0, target));
        Assert.Contains("x: expected dtype Float64", e.Message);
        e = Assert.Throws<ArgumentException>(() => bptt.Backward(p, x, h0, target[0]));
        Assert.Contains($"expected shape [{T}, {B}, {k}]", e.Message);
        e = Assert.Throws<ArgumentException>(() => new RnnBptt(RnnActivation.Tanh, LossKind.CrossEntropy, SequenceFlavour.ManyToOne).Backward(p, x, h0, randn(B)));
        Assert.Contains("Int64", e.Message);
    }
}

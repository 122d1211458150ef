using Lectures.Bptt;
using Lectures.Cells;
using Lectures.Layers;
using TorchSharp;
using static TorchSharp.torch;
using AssertionFailedException = global::Lectures.Grading.AssertionFailedException;
using ByHand = global::Lectures.Grading.ByHand;

namespace Lectures.Tests.Grading;

/// <summary>
/// The by-hand scope of the assignments' test cells: inside it autograd is off and the library's backward passes
/// throw, naming the part and the API; outside it everything runs; scopes nest and restore what was before.
/// </summary>
[Trait("Category", "Grading")]
public class ByHandTests
{
    public ByHandTests() => torch.set_num_threads(1);

    private static Tensor R(params long[] shape) => randn(shape, dtype: float64);

    [Fact]
    public void Guard_throws_inside_a_scope_and_names_the_part_and_the_api()
    {
        ByHand.Guard(typeof(RnnBptt), "Backward");   // outside: nothing happens
        using (ByHand.Scope("a9 part 1"))
        {
            var e = Assert.Throws<InvalidOperationException>(() => ByHand.Guard(typeof(RnnBptt), "Backward"));
            Assert.Equal("a9 part 1 must be computed by hand; it called Lectures.Bptt.RnnBptt.Backward", e.Message);
        }
        ByHand.Guard(typeof(RnnBptt), "Backward");
        Assert.Null(ByHand.Part);
    }

    [Fact]
    public void Library_backward_passes_throw_inside_a_scope_and_run_outside()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var p = RnnParameters.Random(3, 4, 2);
        var (x, h0, z) = (R(5, 2, 3), R(2, 4), R(5, 2, 2));
        var rnn = new RnnBptt(RnnActivation.Tanh, LossKind.SquaredError, SequenceFlavour.ManyToMany);
        var gated = GatedParameters.Random(3, 4, 2, 4);
        var lstm = new LstmBptt(LossKind.SquaredError, SequenceFlavour.ManyToMany);
        var gru = new GruBptt(LossKind.SquaredError, SequenceFlavour.ManyToMany);
        var gruParameters = GatedParameters.Random(3, 4, 2, 3);
        var (h, cache) = RnnBptt.StepForward(R(2, 4), h0, p.W, RnnActivation.Tanh);
        var expected = rnn.Backward(p, x, h0, z).dW;   // outside a scope the library runs

        using (ByHand.Scope("a9 part 2"))
        {
            void Forbidden(string api, Action call) =>
                Assert.EndsWith($"it called Lectures.Bptt.{api}", Assert.Throws<InvalidOperationException>(call).Message);
            Forbidden("RnnBptt.Backward", () => rnn.Backward(p, x, h0, z));
            Forbidden("RnnBptt.Autograd", () => rnn.Autograd(p, x, h0, z));
            Forbidden("RnnBptt.Windowed", () => rnn.Windowed(p, x, h0, z, 2));
            Forbidden("RnnBptt.Truncated", () => rnn.Truncated(p, x, h0, z, 2, 3));
            Forbidden("RnnBptt.StepBackward", () => RnnBptt.StepBackward(h, cache, p.W, RnnActivation.Tanh));
            Forbidden("LstmBptt.Backward", () => lstm.Backward(gated, x, h0, h0, z));
            Forbidden("LstmBptt.Autograd", () => lstm.Autograd(gated, x, h0, h0, z));
            Forbidden("GruBptt.Backward", () => gru.Backward(gruParameters, x, h0, z));
            Forbidden("GruBptt.Autograd", () => gru.Autograd(gruParameters, x, h0, z));
            var (_, _, lstmCache) = LstmBptt.StepForward(R(2, 16), h0, h0, gated.weight_hh);   // forward steps stay allowed
            Forbidden("LstmBptt.StepBackward", () => LstmBptt.StepBackward(h0, h0, lstmCache, gated.weight_hh));
            var (_, gruCache) = GruBptt.StepForward(R(2, 12), h0, gruParameters.weight_hh, gruParameters.bias_hh);
            Forbidden("GruBptt.StepBackward", () => GruBptt.StepBackward(h0, gruCache, gruParameters.weight_hh));
            Assert.Equal(rnn.Loss(p, x, h0, z).ToDouble(), rnn.Loss(p, x, h0, z).ToDouble());   // so does the loss
        }
        Assert.Equal(0, (rnn.Backward(p, x, h0, z).dW - expected).abs().max().ToDouble());
    }

    [Fact]
    public void The_layers_fast_path_is_forbidden_even_when_the_answer_turns_gradients_back_on()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var layer = new Lstm(3, 4, dtype: float64) { ManualBptt = true };
        var x = R(5, 2, 3);
        layer.forward(x);   // outside: the fast path runs
        using (ByHand.Scope("a9 part 3"))
        using (enable_grad())
        using (inference_mode(false))
        {
            var e = Assert.Throws<InvalidOperationException>(() => layer.forward(x));
            Assert.Contains("a9 part 3 must be computed by hand; it called Lectures.Bptt.LstmFunction.forward (the layers' ManualBptt fast path)", e.Message);
        }
        // A graph made before the scope backpropagates inside it: the guard never throws from autograd's native callback,
        // where an exception would end the process, and the scope is back afterwards.
        var (y, _, _) = layer.forward(x);
        var L = y.sum();
        using (ByHand.Scope("a9 part 3"))
        {
            L.backward();
            Assert.Equal("a9 part 3", ByHand.Part);
        }
        Assert.True(layer.parameters().All(p => p.grad is not null));
    }

    [Fact]
    public void Scopes_turn_autograd_off_nest_and_restore()
    {
        Assert.True(is_grad_enabled());
        using (ByHand.Scope("outer"))
        {
            Assert.False(is_grad_enabled());
            Assert.True(is_inference_mode_enabled());
            Assert.Equal("outer", ByHand.Part);
            using (ByHand.Scope("inner"))
            {
                Assert.Equal("inner", ByHand.Part);
                Assert.Contains("inner must", Assert.Throws<InvalidOperationException>(() => ByHand.Guard(typeof(LstmBptt), "StepBackward")).Message);
            }
            Assert.Equal("outer", ByHand.Part);
            Assert.False(is_grad_enabled());
            Assert.Contains("outer must", Assert.Throws<InvalidOperationException>(() => ByHand.Guard(typeof(LstmBptt), "StepBackward")).Message);
        }
        Assert.Null(ByHand.Part);
        Assert.True(is_grad_enabled());
        Assert.False(is_inference_mode_enabled());
        using (no_grad())
        {
            using (ByHand.Scope("under no_grad")) Assert.False(is_grad_enabled());
            Assert.False(is_grad_enabled());   // the caller's no_grad is still on
        }
        Assert.True(is_grad_enabled());
    }

    [Fact]
    public async Task The_part_flows_into_tasks_the_answer_starts()
    {
        using (ByHand.Scope("a9 part 4"))
            Assert.Equal("a9 part 4", await Task.Run(() => ByHand.Part));
        Assert.Null(await Task.Run(() => ByHand.Part));
    }

    [Fact]
    public void Run_returns_a_by_hand_result_and_fails_an_answer_that_needs_autograd()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var (a, b) = (R(3, 3), R(3));
        var byHand = ByHand.Run("a9 part 5", () => (a.matmul(b), new RnnGradients(1.0, a, a, b, a, b, b)));
        Assert.Equal(0, (byHand.Item1 - a.matmul(b)).abs().max().ToDouble());

        var backward = Assert.Throws<AssertionFailedException>(() => ByHand.Run("a9 part 5", () =>
        {
            var leaf = a.clone().requires_grad_(true);
            using (enable_grad()) (leaf * leaf).sum().backward();   // inference mode records no graph, enable_grad or not
            return leaf.grad!;
        }));
        Assert.StartsWith("a9 part 5 must be computed by hand: autograd is off", backward.Message);

        var graph = Assert.Throws<AssertionFailedException>(() => ByHand.Run("a9 part 5", () =>
        {
            using (enable_grad())
            using (inference_mode(false))
                return new RnnGradients(0.0, a, a.clone().requires_grad_(true) * 2, b, a, b, b);
        }));
        Assert.Equal("a9 part 5 must be computed by hand: the result's dU carries an autograd graph (requires_grad or a grad_fn)", graph.Message);

        var forbidden = Assert.Throws<InvalidOperationException>(() => ByHand.Run("a9 part 5", () =>
            new RnnBptt(RnnActivation.Tanh, LossKind.SquaredError, SequenceFlavour.ManyToMany)
                .Backward(RnnParameters.Random(3, 3, 3), R(2, 1, 3), R(1, 3), R(2, 1, 3))));
        Assert.Contains("RnnBptt.Backward", forbidden.Message);
        Assert.Null(ByHand.Part);
    }
}

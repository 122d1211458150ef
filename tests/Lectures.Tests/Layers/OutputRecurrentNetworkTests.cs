using Lectures.Layers;
using Lectures.Tests.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Layers;

/// <summary>Teacher forcing (one batched pass) and free running (a loop) against an explicit step-by-step loop.</summary>
[Trait("Category", "Equivalence")]
public class OutputRecurrentNetworkTests
{
    private static Tensor LoopFeeding(OutputRecurrentNetwork net, Tensor x, Func<int, Tensor, Tensor> previous)
    {
        var p = net.named_parameters().ToDictionary(q => q.name, q => q.parameter);
        var y = zeros(x.shape[1], net.OutputSize, dtype: x.dtype);
        var ys = new List<Tensor>();
        for (var t = 0; t < x.shape[0]; t++)
        {
            var h = tanh(x[t].matmul(p["weight_ih"].t()) + previous(t, y).matmul(p["weight_oh"].t()) + p["bias_h"]);
            y = h.matmul(p["weight_ho"].t()) + p["bias_o"];
            ys.Add(y);
        }
        return stack(ys, 0);
    }

    [Fact]
    public void Teacher_forcing_in_one_pass_equals_the_loop_fed_with_targets()
    {
        manual_seed(21);
        using var net = new OutputRecurrentNetwork(3, 5, 2, dtype: ScalarType.Float64);
        var (x, targets) = (randn(6, 4, 3, dtype: ScalarType.Float64), randn(6, 4, 2, dtype: ScalarType.Float64));
        var expected = LoopFeeding(net, x, (t, _) => t == 0 ? zeros(4, 2, dtype: ScalarType.Float64) : targets[t - 1]);
        Equivalence.AssertClose(expected, net.forward(x, targets), 1e-12, "teacher-forced outputs");
    }

    [Fact]
    public void Free_running_equals_the_loop_fed_with_its_own_outputs_and_teacher_forcing_on_them()
    {
        manual_seed(22);
        using var net = new OutputRecurrentNetwork(3, 5, 2, dtype: ScalarType.Float64);
        var x = randn(6, 4, 3, dtype: ScalarType.Float64);
        var free = net.forward(x);
        Equivalence.AssertClose(LoopFeeding(net, x, (_, y) => y), free, 1e-12, "free-running outputs");
        Equivalence.AssertClose(free, net.TeacherForced(x, free.detach()), 1e-12, "teacher forcing on its own outputs");
        var other = net.TeacherForced(x, randn(6, 4, 2, dtype: ScalarType.Float64));
        Assert.True((other - free).abs().max().ToDouble() > 1e-3, "other targets must change the teacher-forced outputs");
    }

    [Fact]
    public void Teacher_forced_gradients_match_the_loop()
    {
        manual_seed(23);
        using var net = new OutputRecurrentNetwork(2, 3, 2, dtype: ScalarType.Float64);
        var (x, targets) = (randn(5, 2, 2, dtype: ScalarType.Float64), randn(5, 2, 2, dtype: ScalarType.Float64));
        var parameters = net.parameters().ToArray();
        var batched = autograd.grad([net.TeacherForced(x, targets).pow(2).sum()], parameters);
        var looped = autograd.grad([LoopFeeding(net, x, (t, _) => t == 0 ? zeros(2, 2, dtype: ScalarType.Float64) : targets[t - 1]).pow(2).sum()], parameters);
        for (var k = 0; k < parameters.Length; k++) Equivalence.AssertClose(looped[k], batched[k], 1e-12, $"gradient {k}");
    }
}

using Lectures.Bptt;
using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Bptt;

/// <summary>
/// The step functions one step at a time, in float64: StepForward equals TorchSharp's cells with the same weights,
/// and StepBackward equals autograd through StepForward (to 1e-10) and centered finite differences (to 1e-6) for
/// L = Σ dh_up ⊙ h_t (+ Σ dc_up ⊙ c_t), over several seeds and shapes, batch 1 included.
/// </summary>
[Trait("Category", "Gradients")]
public class StepFunctionTests
{
    public StepFunctionTests() => torch.set_num_threads(1);

    public static IEnumerable<object[]> Shapes() =>
    [
        [1, 1, 1, 1], [2, 1, 3, 4], [3, 3, 2, 5], [4, 2, 4, 1], [5, 4, 1, 6],
    ];

    private static Tensor R(params long[] shape) => randn(shape, dtype: float64);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Lstm_step_forward_equals_nn_LSTMCell_and_backward_equals_autograd_and_finite_differences(int seed, long B, long I, long H)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var (x, h_prev, c_prev) = (R(B, I), R(B, H) * 0.5, R(B, H));
        using var cell = nn.LSTMCell(I, H, dtype: float64);
        using (no_grad()) { cell.weight_hh!.mul_(3); cell.bias_hh!.mul_(2); }   // larger, so every gate matters
        var xw = x.matmul(cell.weight_ih!.T) + cell.bias_ih! + cell.bias_hh!;
        var weight_hh = cell.weight_hh!.detach();
        var (h, c, cache) = LstmBptt.StepForward(xw.detach(), h_prev, c_prev, weight_hh);
        var (hRef, cRef) = cell.forward(x, (h_prev, c_prev));
        Assert.True(GradientCheck.RelativeError(hRef, h) < 1e-12 && GradientCheck.RelativeError(cRef, c) < 1e-12, "forward");

        var (dh_up, dc_up) = (R(B, H), R(B, H));
        Tensor Loss(Tensor[] v)
        {
            var (hh, cc, _) = LstmBptt.StepForward(v[0], v[1], v[2], v[3]);
            return (hh * dh_up).sum() + (cc * dc_up).sum();
        }
        var inputs = new Dictionary<string, Tensor> { ["xw"] = xw.detach(), ["h_prev"] = h_prev, ["c_prev"] = c_prev, ["weight_hh"] = weight_hh };
        var (da, dh_prev, dc_prev) = LstmBptt.StepBackward(dh_up, dc_up, cache, weight_hh);
        var manual = new Dictionary<string, Tensor> { ["xw"] = da, ["h_prev"] = dh_prev, ["c_prev"] = dc_prev, ["weight_hh"] = da.T.mm(h_prev) };
        Check(inputs, manual, Loss);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gru_step_forward_equals_nn_GRUCell_and_backward_equals_autograd_and_finite_differences(int seed, long B, long I, long H)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var (x, h_prev) = (R(B, I), R(B, H));
        using var cell = nn.GRUCell(I, H, dtype: float64);
        using (no_grad()) { cell.weight_hh!.mul_(3); cell.bias_hh!.mul_(2); }
        var xw = (x.matmul(cell.weight_ih!.T) + cell.bias_ih!).detach();
        var (weight_hh, bias_hh) = (cell.weight_hh!.detach(), cell.bias_hh!.detach());
        var (h, cache) = GruBptt.StepForward(xw, h_prev, weight_hh, bias_hh);
        Assert.True(GradientCheck.RelativeError(cell.forward(x, h_prev), h) < 1e-12, "forward");

        var dh_up = R(B, H);
        Tensor Loss(Tensor[] v) => (GruBptt.StepForward(v[0], v[1], v[2], v[3]).h * dh_up).sum();
        var inputs = new Dictionary<string, Tensor> { ["xw"] = xw, ["h_prev"] = h_prev, ["weight_hh"] = weight_hh, ["bias_hh"] = bias_hh };
        var (dxw, dhw, dh_prev) = GruBptt.StepBackward(dh_up, cache, weight_hh);
        var manual = new Dictionary<string, Tensor> { ["xw"] = dxw, ["h_prev"] = dh_prev, ["weight_hh"] = dhw.T.mm(h_prev), ["bias_hh"] = dhw.sum(0L) };
        Check(inputs, manual, Loss);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Rnn_step_backward_equals_autograd_and_finite_differences_for_every_activation(int seed, long B, long I, long H)
    {
        _ = I;
        foreach (var f in Enum.GetValues<RnnActivation>())
        {
            using var scope = NewDisposeScope();
            manual_seed(seed);
            var (xw, h_prev, W) = (R(B, H), R(B, H), R(H, H));
            var (_, cache) = RnnBptt.StepForward(xw, h_prev, W, f);
            var dh_up = R(B, H);
            Tensor Loss(Tensor[] v) => (RnnBptt.StepForward(v[0], v[1], v[2], f).h * dh_up).sum();
            var (da, dh_prev) = RnnBptt.StepBackward(dh_up, cache, W, f);
            Check(new Dictionary<string, Tensor> { ["xw"] = xw, ["h_prev"] = h_prev, ["W"] = W },
                  new Dictionary<string, Tensor> { ["xw"] = da, ["h_prev"] = dh_prev, ["W"] = da.T.mm(h_prev) }, Loss);
        }
    }

    /// <summary>Manual gradients against autograd (1e-10) and finite differences (1e-6); the loss takes the inputs in order.</summary>
    private static void Check(Dictionary<string, Tensor> inputs, Dictionary<string, Tensor> manual, Func<Tensor[], Tensor> loss)
    {
        Tensor[] values = [.. inputs.Values];
        var (_, grads) = AutogradOf(values, loss);
        var autograd = inputs.Keys.Zip(grads).ToDictionary(p => p.First, p => p.Second);
        var report = GradientCheck.Compare(autograd, manual);
        Assert.True(report.MaxRelativeError < 1e-10, $"step backward vs autograd:\n{report}");
        var numerical = GradientCheck.NumericalGradients(() => loss(values), inputs);
        report = GradientCheck.Compare(numerical, manual);
        Assert.True(report.MaxRelativeError < 1e-6, $"step backward vs finite differences:\n{report}");
    }

    private static (double, Tensor[]) AutogradOf(Tensor[] values, Func<Tensor[], Tensor> loss)
    {
        using var grad = enable_grad();
        var leaves = values.Select(v => v.detach().clone().requires_grad_(true)).ToArray();
        var L = loss(leaves);
        L.backward();
        return (L.ToDouble(), leaves.Select(l => l.grad!).ToArray());
    }
}

using Lectures.Layers;
using Lectures.Tests.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Layers;

/// <summary>
/// The layers' fast path (<c>ManualBptt = true</c>: one custom autograd function per layer and direction whose backward
/// is the hand-written BPTT) against the same layer's default autograd path and TorchSharp's fused module, all with
/// the same weights: outputs, final states and every gradient (input, initial states, every parameter), below 1e-10 in
/// float64 and 1e-5 in float32, over stacked, bidirectional, batch-first and bias-free layers.
/// </summary>
[Trait("Category", "Equivalence")]
public class ManualBpttTests
{
    public ManualBpttTests() => torch.set_num_threads(1);

    public static TheoryData<LayerKind, ScalarType, int, long, bool, bool, bool, bool> Cases()
    {
        var data = new TheoryData<LayerKind, ScalarType, int, long, bool, bool, bool, bool>();
        foreach (var kind in Enum.GetValues<LayerKind>())
            foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
            {
                // kind, dtype, seed, layers, bidirectional, batch-first, bias, initial state
                data.Add(kind, dtype, 1, 1, false, false, true, false);
                data.Add(kind, dtype, 2, 2, true, true, true, true);
                data.Add(kind, dtype, 3, 3, false, false, false, true);
                data.Add(kind, dtype, 4, 1, true, false, true, true);
                data.Add(kind, dtype, 5, 2, false, true, false, false);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fast_path_equals_autograd_and_TorchSharp_in_every_gradient(LayerKind kind, ScalarType dtype, int seed, long layers,
        bool bidirectional, bool batchFirst, bool bias, bool withState)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var (T, B) = (3L + 4 * seed, 1L + seed % 3);
        var spec = new LayerSpec(kind, Input: 2 + seed, Hidden: 3 + seed % 3, layers, bias, batchFirst, bidirectional);
        using var theirs = spec.Theirs(dtype);
        using var plain = spec.Ours(dtype);
        using var fast = spec.Ours(dtype);
        plain.load_state_dict(theirs.state_dict());
        fast.load_state_dict(theirs.state_dict());
        ((dynamic)fast).ManualBptt = true;
        var x = randn(batchFirst ? [B, T, spec.Input] : [T, B, spec.Input], dtype: dtype);
        var state = Enumerable.Range(0, spec.States).Select(_ => randn(layers * spec.Directions, B, spec.Hidden, dtype: dtype)).ToArray();

        var reference = Run(theirs, x, state, withState, (m, xx, s) => spec.RunTheirs(m, xx, s));
        var byAutograd = Run(plain, x, state, withState, (m, xx, s) => spec.RunOurs(m, xx, s));
        var byHand = Run(fast, x, state, withState, (m, xx, s) => spec.RunOurs(m, xx, s));
        var tolerance = Equivalence.Tolerance(dtype);
        var label = $"{kind} {dtype} seed {seed}";
        foreach (var (name, expected) in byAutograd)
        {
            Equivalence.AssertClose(expected, byHand[name], tolerance, $"{label}: {name}, fast path vs autograd");
            Equivalence.AssertClose(reference[name], byHand[name], tolerance, $"{label}: {name}, fast path vs TorchSharp");
        }
        Assert.Equal(reference.Keys.Order(), byHand.Keys.Order());
    }

    /// <summary>
    /// Runs a module on fresh leaves of x and the states, backpropagates the same random weighting of its results, and
    /// returns the results and every gradient by name.
    /// </summary>
    private static Dictionary<string, Tensor> Run(nn.Module module, Tensor x, Tensor[] state, bool withState,
        Func<nn.Module, Tensor, Tensor[]?, Tensor[]> run)
    {
        var xLeaf = x.detach().clone().requires_grad_(true);
        var stateLeaves = state.Select(s => s.detach().clone().requires_grad_(true)).ToArray();
        var results = run(module, xLeaf, withState ? stateLeaves : null);
        manual_seed(99);
        results.Select(r => (r * randn_like(r)).sum()).Aggregate((a, b) => a + b).backward();
        var named = results.Select((r, k) => (name: $"result {k}", value: r.detach())).ToDictionary(p => p.name, p => p.value);
        named["dL/dx"] = xLeaf.grad!;
        if (withState)
            for (var k = 0; k < stateLeaves.Length; k++) named[$"dL/dstate {k}"] = stateLeaves[k].grad!;
        foreach (var (name, p) in module.named_parameters()) named["dL/d" + name] = p.grad!;
        return named;
    }

    [Theory]
    [InlineData(LayerKind.Lstm)]
    [InlineData(LayerKind.Gru)]
    [InlineData(LayerKind.RnnTanh)]
    public void Fast_path_keeps_unbatched_input_and_dropout_as_the_default_path_has_them(LayerKind kind)
    {
        using var scope = NewDisposeScope();
        var spec = new LayerSpec(kind, 3, 4, 2, true, false, true);
        using var plain = spec.Ours(ScalarType.Float64);
        using var fast = spec.Ours(ScalarType.Float64);
        fast.load_state_dict(plain.state_dict());
        ((dynamic)fast).ManualBptt = true;
        var x = randn(5, 3, dtype: ScalarType.Float64);
        var expected = Run(plain, x, [], false, (m, xx, s) => spec.RunOurs(m, xx, s));
        var actual = Run(fast, x, [], false, (m, xx, s) => spec.RunOurs(m, xx, s));
        foreach (var (name, e) in expected) Equivalence.AssertClose(e, actual[name], 1e-10, $"unbatched: {name}");

        var dropped = kind == LayerKind.Lstm ? (nn.Module)new Lstm(3, 4, numLayers: 3, dropout: 0.5, dtype: ScalarType.Float64)
            : kind == LayerKind.Gru ? new Gru(3, 4, numLayers: 3, dropout: 0.5, dtype: ScalarType.Float64)
            : new Rnn(3, 4, numLayers: 3, dropout: 0.5, dtype: ScalarType.Float64);
        var droppedFast = kind == LayerKind.Lstm ? (nn.Module)new Lstm(3, 4, numLayers: 3, dropout: 0.5, dtype: ScalarType.Float64) { ManualBptt = true }
            : kind == LayerKind.Gru ? new Gru(3, 4, numLayers: 3, dropout: 0.5, dtype: ScalarType.Float64) { ManualBptt = true }
            : new Rnn(3, 4, numLayers: 3, dropout: 0.5, dtype: ScalarType.Float64) { ManualBptt = true };
        droppedFast.load_state_dict(dropped.state_dict());
        var xb = randn(6, 2, 3, dtype: ScalarType.Float64);
        manual_seed(5);
        expected = Run(dropped, xb, [], false, (m, xx, s) => spec.RunOurs(m, xx, s));
        manual_seed(5);
        actual = Run(droppedFast, xb, [], false, (m, xx, s) => spec.RunOurs(m, xx, s));
        foreach (var (name, e) in expected) Equivalence.AssertClose(e, actual[name], 1e-10, $"dropout: {name}");
    }

    [Theory]
    [InlineData(LayerKind.Lstm)]
    [InlineData(LayerKind.Gru)]
    [InlineData(LayerKind.RnnRelu)]
    public void Unused_results_and_an_input_without_gradient_are_handled(LayerKind kind)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var spec = new LayerSpec(kind, 3, 4, 2, true, false, true);
        using var plain = spec.Ours(ScalarType.Float64);
        using var fast = spec.Ours(ScalarType.Float64);
        fast.load_state_dict(plain.state_dict());
        ((dynamic)fast).ManualBptt = true;
        var x = randn(7, 2, 3, dtype: ScalarType.Float64);   // no gradient wanted for x; only the output is used
        foreach (var m in new[] { plain, fast }) spec.RunOurs(m, x, null)[0].pow(2).sum().backward();
        var expected = plain.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
        foreach (var (name, p) in fast.named_parameters())
            Equivalence.AssertClose(expected[name], p.grad!, 1e-10, $"{kind}: dL/d{name} with h_n unused");
        Assert.Null(x.grad);
    }

    [Fact]
    public void Configurations_without_a_hand_written_backward_fail_clearly()
    {
        using var scope = NewDisposeScope();
        using var original = new Lstm(3, 4, forgetGate: false);
        var unsupported = Assert.Throws<NotSupportedException>(() => original.ManualBptt = true);
        Assert.Contains("original LSTM", unsupported.Message);

        using var gru = new Gru(3, 4) { ManualBptt = true };
        var x = randn(5, 2, 3);
        var lengths = tensor(new long[] { 5, 3 });
        var masked = Assert.Throws<NotSupportedException>(() => gru.forward(x, null, lengths: lengths));
        Assert.Contains("ManualBptt runs whole sequences", masked.Message);
        Assert.Contains("lengths or a mask", masked.Message);
        var traced = Assert.Throws<NotSupportedException>(() => gru.forward(x, null, trace: new RecurrentTrace()));
        Assert.Contains("a trace", traced.Message);
        using (no_grad())
        {
            gru.ManualBptt = false;
            var expected = gru.forward(x, null, lengths: lengths).output;
            gru.ManualBptt = true;
            Equivalence.AssertClose(expected, gru.forward(x, null, lengths: lengths).output, 1e-12, "under no_grad the option changes nothing");
        }
    }
}

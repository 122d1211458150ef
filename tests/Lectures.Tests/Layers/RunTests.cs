using Lectures.Layers;
using Lectures.Tests.Cells;
using static TorchSharp.torch;

namespace Lectures.Tests.Layers;

/// <summary>The non-generic <see cref="IRecurrentLayer.Run"/> gives what each layer's typed forward gives.</summary>
[Trait("Category", "Equivalence")]
public class RunTests
{
    [Theory]
    [InlineData(LayerKind.RnnTanh)]
    [InlineData(LayerKind.Gru)]
    [InlineData(LayerKind.Lstm)]
    public void Run_equals_the_typed_forward_with_state_lengths_and_trace(LayerKind kind)
    {
        manual_seed(11);
        var spec = new LayerSpec(kind, 3, 4, 2, true, true, true);
        using var module = spec.Ours(ScalarType.Float64);
        var layer = (IRecurrentLayer)module;
        Assert.Equal(spec.States, layer.StateCount);
        var x = randn(3, 5, 3, dtype: ScalarType.Float64);
        var state = Enumerable.Range(0, spec.States).Select(_ => randn(4, 3, 4, dtype: ScalarType.Float64)).ToArray();
        var lengths = tensor(new long[] { 5, 2, 4 });
        var (traceTyped, traceRun) = (new RecurrentTrace(), new RecurrentTrace());
        var typed = spec.RunOurs(module, x, state, lengths: lengths, trace: traceTyped);
        var (output, final) = layer.Run(x, state, lengths: lengths, trace: traceRun);
        Equivalence.AssertClose(typed[0], output, double.Epsilon, "output");
        for (var k = 0; k < final.Length; k++) Equivalence.AssertClose(typed[k + 1], final[k], double.Epsilon, $"state {k}");
        Assert.Equal(traceTyped.Names, traceRun.Names);
        foreach (var name in traceTyped.Names) Equivalence.AssertClose(traceTyped[name, 1, 1], traceRun[name, 1, 1], double.Epsilon, name);
    }

    [Fact]
    public void Run_names_the_states_it_expects()
    {
        IRecurrentLayer lstm = new Lstm(2, 3);
        var e = Assert.Throws<ArgumentException>(() => lstm.Run(zeros(4, 1, 2), [zeros(1, 1, 3)]));
        Assert.Contains("expected 2 state tensor(s) (h0, c0), got 1", e.Message);
    }
}

using Lectures.Tests.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Layers;

/// <summary>
/// Our Rnn, Lstm and Gru layers against TorchSharp's RNN, LSTM and GRU with copied weights (both ways): outputs,
/// final states and every gradient, across seeds, sizes, layer counts, directions, batch-first settings and
/// variable-length batches (compared with TorchSharp run on each sequence alone, unpadded).
/// </summary>
[Trait("Category", "Equivalence")]
public class LayerEquivalenceTests
{
    public enum Padding { None, Lengths, Mask }

    public static TheoryData<LayerKind, ScalarType, int, long, bool, bool, Padding, bool> Cases()
    {
        var data = new TheoryData<LayerKind, ScalarType, int, long, bool, bool, Padding, bool>();
        foreach (var kind in Enum.GetValues<LayerKind>())
            foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
            {
                // kind, dtype, seed, layers, bidirectional, batch-first, padding, initial state
                data.Add(kind, dtype, 1, 1, false, false, Padding.None, false);
                data.Add(kind, dtype, 2, 2, true, true, Padding.None, true);
                data.Add(kind, dtype, 3, 2, true, false, Padding.Lengths, true);
                data.Add(kind, dtype, 4, 1, false, true, Padding.Mask, false);
                data.Add(kind, dtype, 5, 3, false, false, Padding.Lengths, true);
                data.Add(kind, dtype, 6, 1, true, true, Padding.Mask, true);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Layer_matches_TorchSharp(LayerKind kind, ScalarType dtype, int seed, long layers, bool bidirectional,
        bool batchFirst, Padding padding, bool withState)
    {
        manual_seed(seed);
        var (T, B) = (4L + seed % 3, 3L + seed % 2);
        var spec = new LayerSpec(kind, Input: 2 + seed, Hidden: 3 + seed % 3, layers, Bias: seed != 4, batchFirst, bidirectional);
        using var theirs = spec.Theirs(dtype);
        using var ours = spec.Ours(dtype);
        Equivalence.CopyWeights(theirs, ours, seed);
        var x = randn(batchFirst ? [B, T, spec.Input] : [T, B, spec.Input], dtype: dtype);
        var state = withState
            ? Enumerable.Range(0, spec.States).Select(_ => randn(layers * spec.Directions, B, spec.Hidden, dtype: dtype)).ToArray()
            : null;
        var label = $"{kind} {dtype} seed {seed}";
        if (padding == Padding.None)
        {
            Equivalence.AssertSame(theirs, ours, x, (m, xx) => spec.RunTheirs(m, xx, state),
                (m, xx) => spec.RunOurs(m, xx, state), label);
            return;
        }
        var lengths = Enumerable.Range(0, (int)B).Select(b => b == 0 ? T : Math.Max(1, T - 1 - 2 * b)).ToArray();
        var lengthTensor = tensor(lengths);
        var mask = arange(T).unsqueeze(1) < lengthTensor.unsqueeze(0);                  // [T, B]
        if (batchFirst) mask = mask.t();
        Equivalence.AssertSame(theirs, ours, x, (m, xx) => spec.RunTheirsOneByOne(m, xx, state, lengths),
            (m, xx) => padding == Padding.Lengths ? spec.RunOurs(m, xx, state, lengths: lengthTensor)
                                                  : spec.RunOurs(m, xx, state, mask: mask), label);
    }

    [Theory]
    [InlineData(LayerKind.Lstm)]
    [InlineData(LayerKind.Gru)]
    [InlineData(LayerKind.RnnTanh)]
    public void Unbatched_input_gives_the_batched_result_without_the_batch_dimension(LayerKind kind)
    {
        manual_seed(7);
        var spec = new LayerSpec(kind, 3, 4, 2, true, false, true);
        using var ours = spec.Ours(ScalarType.Float64);
        var x = randn(5, 3, dtype: ScalarType.Float64);
        var unbatched = spec.RunOurs(ours, x, null);
        var batched = spec.RunOurs(ours, x.unsqueeze(1), null);
        for (var k = 0; k < unbatched.Length; k++)
            Equivalence.AssertClose(batched[k].squeeze(1), unbatched[k], 1e-12, $"result {k}");
    }

    [Fact]
    public void Dropout_acts_between_layers_in_training_mode_only()
    {
        manual_seed(8);
        using var plain = new Lectures.Layers.Lstm(3, 4, numLayers: 2);
        using var dropped = new Lectures.Layers.Lstm(3, 4, numLayers: 2, dropout: 0.5);
        dropped.load_state_dict(plain.state_dict());
        var x = randn(6, 2, 3);
        var expected = plain.forward(x).output;
        dropped.eval();
        Equivalence.AssertClose(expected, dropped.forward(x).output, 1e-7, "eval mode");
        dropped.train();
        var diff = (expected - dropped.forward(x).output).abs().max().ToDouble();
        Assert.True(diff > 1e-3, $"training mode: dropout changed the output by only {diff}");
    }
}

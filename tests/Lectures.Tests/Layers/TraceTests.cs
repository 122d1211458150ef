using Lectures.Layers;
using Lectures.Tests.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Layers;

/// <summary>Traces record the internals the notebooks chart, consistently with the equations, without changing results.</summary>
[Trait("Category", "Equivalence")]
public class TraceTests
{
    [Theory]
    [InlineData(LayerKind.Lstm)]
    [InlineData(LayerKind.Gru)]
    [InlineData(LayerKind.RnnTanh)]
    public void Tracing_does_not_change_results(LayerKind kind)
    {
        manual_seed(11);
        var spec = new LayerSpec(kind, 3, 4, 2, true, true, true);
        using var layer = spec.Ours(ScalarType.Float64);
        var x = randn(3, 6, 3, dtype: ScalarType.Float64);
        var lengths = tensor(new long[] { 6, 2, 4 });
        var plain = spec.RunOurs(layer, x, null, lengths);
        var trace = new RecurrentTrace();
        var traced = spec.RunOurs(layer, x, null, lengths, trace: trace);
        for (var k = 0; k < plain.Length; k++) Assert.True(plain[k].eq(traced[k]).all().item<bool>(), $"result {k} changed");
        // The top layer's traced h is its output, time-first: forward half and reverse half.
        var output = plain[0].transpose(0, 1);
        var real = (arange(6).unsqueeze(1) < lengths.unsqueeze(0)).unsqueeze(2);         // [T, B, 1]
        Equivalence.AssertClose(output[.., .., ..4], trace.Hidden(1, 0) * real, 1e-15, "forward h");
        Equivalence.AssertClose(output[.., .., 4..], trace.Hidden(1, 1) * real, 1e-15, "reverse h");
        Equivalence.AssertClose(trace.Hidden(1, 0)[-1], plain[1][2], 1e-15, "h at the last step is h_n (padding holds the state)");
        Equivalence.AssertClose(trace.Hidden(1, 1)[0], plain[1][3], 1e-15, "reverse h at step 0 is its h_n");
    }

    [Fact]
    public void Lstm_trace_satisfies_the_cell_equations()
    {
        manual_seed(12);
        using var lstm = new Lectures.Layers.Lstm(3, 5, dtype: ScalarType.Float64);
        var trace = new RecurrentTrace();
        lstm.forward(randn(7, 2, 3, dtype: ScalarType.Float64), null, trace: trace);
        Assert.Equal(["h", "c", "i", "f", "g", "o"], trace.Names);
        var (h, c, i, f, g, o) = (trace["h"], trace["c"], trace["i"], trace["f"], trace["g"], trace["o"]);
        var cPrev = cat([zeros_like(c[..1]), c[..^1]], 0);
        Equivalence.AssertClose(f * cPrev + i * g, c, 1e-12, "c_t = f ⊙ c_{t−1} + i ⊙ g");
        Equivalence.AssertClose(o * c.tanh(), h, 1e-12, "h_t = o ⊙ tanh(c_t)");
        Assert.True(i.min().ToDouble() > 0 && i.max().ToDouble() < 1, "gates are sigmoid outputs");
    }

    [Fact]
    public void Gru_trace_satisfies_the_interpolation()
    {
        manual_seed(13);
        using var gru = new Gru(3, 5, dtype: ScalarType.Float64);
        var trace = new RecurrentTrace();
        gru.forward(randn(7, 2, 3, dtype: ScalarType.Float64), null, trace: trace);
        var (h, z, n) = (trace["h"], trace["z"], trace["n"]);
        var hPrev = cat([zeros_like(h[..1]), h[..^1]], 0);
        Equivalence.AssertClose((1 - z) * n + z * hPrev, h, 1e-12, "h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}");
    }

    [Fact]
    public void Asking_for_a_missing_entry_names_what_the_trace_holds()
    {
        var trace = new RecurrentTrace();
        new Rnn(2, 3).forward(zeros(4, 1, 2), null, trace: trace);
        var e = Assert.Throws<KeyNotFoundException>(() => trace["c"]);
        Assert.Contains("h(layer 0, direction 0)", e.Message);
    }
}

using Lectures.Layers;
using Lectures.Tests.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Layers;

/// <summary>Embedding dropout against a lookup written out token by token, and against TorchSharp's nn.Embedding.</summary>
[Trait("Category", "Equivalence")]
public class EmbeddingDropoutTests
{
    private const ScalarType F64 = ScalarType.Float64;

    /// <summary>By hand: draw keep ~ Bernoulli(1 − p) per row (as the layer draws it), then out[b, t] = keep[x] · E[x] / (1 − p).</summary>
    private static Tensor ByHand(Tensor E, Tensor x, double p, int seed)
    {
        manual_seed(seed);
        var keep = bernoulli(full([E.shape[0], 1], 1 - p, dtype: E.dtype));
        var rows = new List<Tensor>();
        foreach (var token in x.flatten().data<long>().ToArray())
            rows.Add(E[token] * keep[token, 0] / (1 - p));
        return stack(rows).reshape([.. x.shape, E.shape[1]]);
    }

    [Fact]
    public void Training_drops_whole_rows_as_the_hand_written_lookup_does_and_gradients_agree()
    {
        manual_seed(5);
        using var layer = new EmbeddingDropout(7, 3, p: 0.4, dtype: F64);
        var x = randint(7, [4, 9], dtype: ScalarType.Int64);
        var g = randn(4, 9, 3, dtype: F64);
        var E = layer.weight.detach().clone().requires_grad_();

        manual_seed(11);
        var ours = layer.forward(x);
        var theirs = ByHand(E, x, 0.4, 11);
        Equivalence.AssertClose(theirs, ours, 1e-12, "embeddings");

        (ours * g).sum().backward();
        (theirs * g).sum().backward();
        Equivalence.AssertClose(E.grad!, layer.weight.grad!, 1e-12, "dL/dE");
    }

    [Fact]
    public void A_dropped_token_is_zero_at_every_position_and_a_kept_one_is_scaled_everywhere()
    {
        manual_seed(6);
        using var layer = new EmbeddingDropout(5, 4, p: 0.5, dtype: F64);
        var x = tensor(new long[,] { { 0, 1, 2, 3, 4, 0, 1, 2 }, { 4, 3, 2, 1, 0, 4, 3, 2 } });
        var dropped = new HashSet<long>();
        for (var draw = 0; draw < 20; draw++)
        {
            var y = layer.forward(x);
            for (long v = 0; v < 5; v++)
            {
                var at = (x == v).nonzero();
                var rows = Enumerable.Range(0, (int)at.shape[0]).Select(i => y[at[i, 0], at[i, 1]]).ToList();
                var zero = rows[0].abs().sum().item<double>() == 0;
                if (zero) dropped.Add(v);
                foreach (var row in rows)
                    Equivalence.AssertClose(zero ? zeros(4, dtype: F64) : layer.weight.detach()[v] * 2, row, 1e-12, $"token {v}");
            }
        }
        Assert.Equal(5, dropped.Count);                                     // over 20 draws every token was dropped at least once
    }

    [Fact]
    public void Evaluation_is_TorchSharps_embedding_with_the_same_table()
    {
        manual_seed(7);
        using var layer = new EmbeddingDropout(6, 3, p: 0.9, dtype: F64);
        using var embedding = nn.Embedding(6, 3, dtype: F64);
        embedding.load_state_dict(layer.state_dict());
        layer.eval();
        var x = randint(6, [3, 5], dtype: ScalarType.Int64);
        Equivalence.AssertClose(embedding.forward(x), layer.forward(x), 1e-15, "embeddings");
    }

    [Fact]
    public void About_a_share_p_of_the_rows_is_dropped_and_the_mean_is_kept()
    {
        manual_seed(8);
        using var layer = new EmbeddingDropout(4000, 2, p: 0.25, dtype: F64);
        using (no_grad()) layer.weight.fill_(1);
        var y = layer.forward(arange(4000, dtype: ScalarType.Int64));
        Assert.InRange((y.sum(1L) == 0).to_type(F64).mean().item<double>(), 0.23, 0.27);
        Assert.InRange(y.mean().item<double>(), 0.96, 1.04);                 // inverted dropout: E[keep / (1 − p)] = 1
    }

    [Fact]
    public void Bad_arguments_are_explained()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingDropout(5, 3, p: 1));
        using var layer = new EmbeddingDropout(5, 3, p: 0.1);
        var dtype = Assert.Throws<ArgumentException>(() => layer.forward(zeros(2, 3)));
        Assert.Contains("expected int64 token indices, got Float32", dtype.Message);
        var range = Assert.Throws<ArgumentException>(() => layer.forward(tensor(new long[] { 0, 5 })));
        Assert.Contains("must be in [0, 5); got 0 to 5", range.Message);
    }
}

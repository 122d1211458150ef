using Lectures.Decoding;
using Lectures.Layers;
using Lectures.Models;
using Lectures.Tests.Cells;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Tests.Models;

/// <summary>
/// The library's language model against the same model built from TorchSharp's own modules (nn.Embedding or
/// one-hot, nn.RNN/GRU/LSTM, nn.Linear) with copied weights: logits, final states and every gradient; the state
/// carried across chunks equals one long run; the decoder step equals the full forward pass.
/// </summary>
[Trait("Category", "Equivalence")]
public class LanguageModelTests : Lectures.Tests.Training.SingleThreaded
{
    public enum Kind { Rnn, Gru, Lstm }

    private const int V = 7;

    private static IRecurrentLayer Layer(Kind kind, long input, long hidden, long layers, bool batchFirst, ScalarType dtype) => kind switch
    {
        Kind.Rnn => new Rnn(input, hidden, layers, batchFirst: batchFirst, dtype: dtype),
        Kind.Gru => new Gru(input, hidden, layers, batchFirst: batchFirst, dtype: dtype),
        _ => new Lstm(input, hidden, layers, batchFirst: batchFirst, dtype: dtype),
    };

    /// <summary>The same model from TorchSharp's modules, with the same parameter names.</summary>
    private sealed class Reference : nn.Module<Tensor, Tensor[]?, (Tensor Logits, Tensor[] State)>
    {
        private readonly Kind kind;
        private readonly bool batchFirst;
        private readonly nn.Module layer;
        private readonly Embedding? embedding;
        private readonly Linear head;

        public Reference(Kind kind, long input, long hidden, long layers, bool batchFirst, int? embeddingSize, ScalarType dtype)
            : base(nameof(Reference))
        {
            (this.kind, this.batchFirst) = (kind, batchFirst);
            layer = kind switch
            {
                Kind.Rnn => nn.RNN(input, hidden, layers, batchFirst: batchFirst, dtype: dtype),
                Kind.Gru => nn.GRU(input, hidden, layers, batchFirst: batchFirst, dtype: dtype),
                _ => nn.LSTM(input, hidden, layers, batchFirst: batchFirst, dtype: dtype),
            };
            embedding = embeddingSize is { } e ? nn.Embedding(V, e, dtype: dtype) : null;
            head = nn.Linear(hidden, V, dtype: dtype);
            register_module("layer", layer);
            if (embedding is not null) register_module("embedding", embedding);
            register_module("head", head);
        }

        public override (Tensor Logits, Tensor[] State) forward(Tensor tokens, Tensor[]? state)
        {
            var x = embedding is not null ? embedding.forward(tokens)
                : nn.functional.one_hot(tokens, V).to(head.weight.dtype);
            (Tensor y, Tensor[] s) = (layer, kind) switch
            {
                (LSTM lstm, _) => lstm.forward(x, state is null ? null : (state[0], state[1])) is var (o, h, c) ? (o, new[] { h, c }) : default,
                (GRU gru, _) => gru.forward(x, state?[0]) is var (o, h) ? (o, new[] { h }) : default,
                _ => ((RNN)layer).forward(x, state?[0]) is var (o, h) ? (o, new[] { h }) : default,
            };
            return (head.forward(y), s);
        }
    }

    public static TheoryData<Kind, bool, bool, ScalarType> Cases()
    {
        var data = new TheoryData<Kind, bool, bool, ScalarType>();
        foreach (var kind in Enum.GetValues<Kind>())
            foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
            {
                data.Add(kind, false, true, dtype);      // one-hot, batch-first
                data.Add(kind, true, false, dtype);      // embedding, time-first
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Logits_states_and_gradients_equal_torchsharps_modules(Kind kind, bool embedded, bool batchFirst, ScalarType dtype)
    {
        manual_seed(3);
        var (hidden, layers, embeddingSize) = (5L, 2L, embedded ? 4 : (int?)null);
        using var ours = new LanguageModel(Layer(kind, embeddingSize ?? V, hidden, layers, batchFirst, dtype), V, embeddingSize);
        using var theirs = new Reference(kind, embeddingSize ?? V, hidden, layers, batchFirst, embeddingSize, dtype);
        theirs.load_state_dict(ours.state_dict());
        var (B, T) = (3L, 6L);
        var tokens = randint(0, V, batchFirst ? [B, T] : [T, B]);
        var state = Enumerable.Range(0, kind == Kind.Lstm ? 2 : 1).Select(_ => randn(layers, B, hidden, dtype: dtype)).ToArray();

        var (expected, expectedState) = theirs.forward(tokens, state);
        var (actual, actualState) = ours.Run(tokens, state);
        var tol = Equivalence.Tolerance(dtype);
        Equivalence.AssertClose(expected, actual, tol, "logits");
        Assert.Equal(expectedState.Length, actualState.Length);
        for (var k = 0; k < expectedState.Length; k++) Equivalence.AssertClose(expectedState[k], actualState[k], tol, $"state {k}");

        var targets = randint(0, V, tokens.shape);
        nn.functional.cross_entropy(expected.reshape(-1, V), targets.reshape(-1)).backward();
        nn.functional.cross_entropy(actual.reshape(-1, V), targets.reshape(-1)).backward();
        var theirParameters = theirs.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var ourParameters = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(theirParameters.Keys.Order(), ourParameters.Keys.Order());
        foreach (var (name, p) in theirParameters)
            Equivalence.AssertClose(p.grad!, ourParameters[name].grad!, tol, $"gradient of {name}");
    }

    [Theory]
    [InlineData(Kind.Rnn)]
    [InlineData(Kind.Gru)]
    [InlineData(Kind.Lstm)]
    public void Carrying_the_state_across_chunks_equals_one_long_run(Kind kind)
    {
        manual_seed(4);
        using var model = new LanguageModel(Layer(kind, V, 6, 1, true, ScalarType.Float64), V);
        var tokens = randint(0, V, [2, 10]);
        var (whole, wholeState) = model.Run(tokens);
        var (first, middle) = model.Run(tokens[.., ..4]);
        var (second, last) = model.Run(tokens[.., 4..], middle);
        Assert.Equal(kind == Kind.Lstm ? 2 : 1, last.Length);
        Equivalence.AssertClose(whole, cat([first, second], 1), 1e-12, "logits");
        for (var k = 0; k < last.Length; k++) Equivalence.AssertClose(wholeState[k], last[k], 1e-12, $"state {k}");
    }

    [Theory]
    [InlineData(Kind.Rnn, false)]
    [InlineData(Kind.Gru, true)]
    [InlineData(Kind.Lstm, false)]
    [InlineData(Kind.Lstm, true)]
    public void The_decoder_step_equals_the_full_forward_pass(Kind kind, bool embedded)
    {
        manual_seed(5);
        int? embeddingSize = embedded ? 3 : null;
        using var model = new LanguageModel(Layer(kind, embeddingSize ?? V, 4, 2, false, ScalarType.Float64), V, embeddingSize);
        long[] tokens = [3, 0, 6, 6, 2, 1];
        var full = model.forward(tensor(tokens).reshape(-1, 1)).squeeze(1).log_softmax(1);     // time-first [T, 1] → [T, V]
        Tensor[]? state = null;
        for (var t = 0; t < tokens.Length; t++)
        {
            (var logp, state) = model.Step(state, tokens[t]);
            Assert.Equal([V], logp.shape);
            Assert.False(logp.requires_grad);
            Equivalence.AssertClose(full[t], logp, 1e-12, $"step {t}");
        }
        var sample = Decoder.Greedy<Tensor[]?>(null, model.Step, start: 3, end: -1, maxLength: 5);
        Assert.Equal(5, sample.Tokens.Length);
    }

    [Fact]
    public void Encoding_follows_the_parameters_dtype_and_one_hot_rows_are_unit_vectors()
    {
        using var model = new LanguageModel(new Gru(V, 3, batchFirst: true), V);
        model.to(ScalarType.Float64);
        var x = model.Encode(tensor(new long[] { 2, 5 }).reshape(1, 2));
        Assert.Equal(ScalarType.Float64, x.dtype);
        Assert.Equal(new[] { 0.0, 0, 1, 0, 0, 0, 0 }, x[0, 0].data<double>().ToArray());
        Assert.Equal(ScalarType.Float64, model.forward(tensor(new long[] { 2, 5 }).reshape(1, 2)).dtype);
    }

    [Fact]
    public void Bad_configurations_and_inputs_are_named()
    {
        var bidirectional = Assert.Throws<ArgumentException>(() => new LanguageModel(new Lstm(V, 3, bidirectional: true), V));
        Assert.Contains("unidirectional", bidirectional.Message);
        var size = Assert.Throws<ArgumentException>(() => new LanguageModel(new Rnn(5, 3), V));
        Assert.Contains("input size 7 (one-hot over 7 tokens), got 5", size.Message);
        var embeddingSize = Assert.Throws<ArgumentException>(() => new LanguageModel(new Rnn(V, 3), V, embedding: 4));
        Assert.Contains("input size 4 (the embedding size), got 7", embeddingSize.Message);
        using var model = new LanguageModel(new Rnn(V, 3, batchFirst: true), V);
        var rank = Assert.Throws<ArgumentException>(() => model.forward(tensor(new long[] { 1, 2 })));
        Assert.Contains("expected tokens of rank 2 [batch, seq], got shape [2]", rank.Message);
        var states = Assert.Throws<ArgumentException>(() => model.Run(tensor(new long[] { 1, 2 }).reshape(1, 2), [zeros(1, 1, 3), zeros(1, 1, 3)]));
        Assert.Contains("expected 1 state tensor(s) (h0), got 2", states.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Step(null, V));
    }
}

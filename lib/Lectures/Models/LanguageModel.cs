using Lectures.Cells;
using Lectures.Data;
using Lectures.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Models;

/// <summary>
/// A character- or word-level language model (lecture 003's next-character model, d2l's <c>RNNLM</c>): tokens
/// enter one-hot or through an embedding, any of <see cref="Rnn"/>, <see cref="Gru"/> and <see cref="Lstm"/>
/// reads them, and a <see cref="SequenceHead"/> y_t = V h_t + c scores the next token at every step. The state goes
/// in and comes out, so a long text can be read in chunks with the state carried between them (truncated BPTT,
/// <see cref="Training.Trainer.FitStream"/>), and <see cref="Step"/> is the one-token step the decoders sample with.
/// Parameters are named layer.* (the layer's PyTorch names), embedding.weight and head.weight, head.bias.
/// </summary>
/// <example>
/// <code>
/// var model = new LanguageModel(new Lstm(vocab.Count, 64, batchFirst: true, forgetBias: 1.0), vocab.Count);
/// var (logits, state) = model.Run(tokens);                 // tokens [B, T] → logits [B, T, V], state [h, c]
/// var sample = Decoder.Sample&lt;Tensor[]?&gt;(null, model.Step, vocab.IndexOf('\n'), end: -1, maxLength: 200, temperature: 0.8);
/// </code>
/// </example>
public sealed class LanguageModel : nn.Module<Tensor, Tensor>
{
    private readonly IRecurrentLayer layer;
    private readonly Embedding? embedding;
    private readonly SequenceHead head;

    /// <summary>Wraps a recurrent layer into a language model over <paramref name="vocabulary"/> tokens.</summary>
    /// <param name="layer">The recurrent layer, unidirectional (a language model may not read the future). Its
    /// input size must be <paramref name="vocabulary"/> (one-hot input) or <paramref name="embedding"/>.</param>
    /// <param name="vocabulary">Number of tokens: the size of the one-hot vectors and of the scores.</param>
    /// <param name="embedding">The size of a learned embedding (an <c>nn.Embedding</c>), or null for one-hot input.</param>
    public LanguageModel(IRecurrentLayer layer, int vocabulary, int? embedding = null) : base(nameof(LanguageModel))
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is not nn.Module module)
            throw new ArgumentException($"{nameof(LanguageModel)}: expected the layer to be a module (Rnn, Gru or Lstm), got {layer.GetType().Name}.", nameof(layer));
        if (layer.Bidirectional)
            throw new ArgumentException($"{nameof(LanguageModel)}: expected a unidirectional layer, got a bidirectional one: " +
                                        "its reverse direction would read the tokens it must predict.", nameof(layer));
        if (vocabulary < 1) throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, $"{nameof(LanguageModel)}: expected at least 1 token.");
        if (embedding is < 1) throw new ArgumentOutOfRangeException(nameof(embedding), embedding, $"{nameof(LanguageModel)}: expected an embedding size of at least 1.");
        var inputSize = embedding ?? vocabulary;
        if (layer.InputSize != inputSize)
            throw new ArgumentException($"{nameof(LanguageModel)}: expected a layer with input size {inputSize} " +
                                        (embedding is null ? $"(one-hot over {vocabulary} tokens)" : "(the embedding size)") +
                                        $", got {layer.InputSize}.", nameof(layer));
        var parameter = module.parameters().First();
        (this.layer, Vocabulary) = (layer, vocabulary);
        head = new SequenceHead(layer.HiddenSize, vocabulary, batchFirst: layer.BatchFirst, device: parameter.device, dtype: parameter.dtype);
        register_module("layer", module);
        if (embedding is { } size)
        {
            this.embedding = nn.Embedding(vocabulary, size, device: parameter.device, dtype: parameter.dtype);
            register_module("embedding", this.embedding);
        }
        register_module("head", head);
    }

    /// <summary>The recurrent layer.</summary>
    public IRecurrentLayer Layer => layer;

    /// <summary>The read-out y_t = V h_t + c.</summary>
    public SequenceHead Head => head;

    /// <summary>Number of tokens.</summary>
    public int Vocabulary { get; }

    /// <summary>Whether tokens enter through a learned embedding (otherwise one-hot).</summary>
    public bool Embedded => embedding is not null;

    /// <summary>Tokens → the layer's input vectors: one-hot or embedded, in the parameters' dtype.</summary>
    /// <param name="tokens">Token indices, int64, [batch, seq] ([seq, batch] for a time-first layer).</param>
    public Tensor Encode(Tensor tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.dim() != 2)
            throw new ArgumentException($"{nameof(LanguageModel)}: expected tokens of rank 2 " +
                $"{(layer.BatchFirst ? "[batch, seq]" : "[seq, batch]")}, got shape {Checks.Shape(tokens)}.", nameof(tokens));
        if (embedding is not null) return embedding.forward(tokens);
        var weight = head.get_parameter("weight")!;
        return Inputs.OneHot(tokens, Vocabulary).to(weight.dtype, weight.device);
    }

    /// <summary>Reads tokens from a state; returns the next-token logits at every step and the final state.</summary>
    /// <param name="tokens">Token indices, int64, [batch, seq] ([seq, batch] for a time-first layer).</param>
    /// <param name="state">The layer's state (h, or h and c), as <see cref="IRecurrentLayer.Run"/> returns it; zeros when null.</param>
    /// <param name="trace">When given, receives the layer's states and gates per step.</param>
    /// <returns>Logits [batch, seq, vocabulary] (time-first like the layer) and the final state.</returns>
    public (Tensor Logits, Tensor[] State) Run(Tensor tokens, IReadOnlyList<Tensor>? state = null, RecurrentTrace? trace = null) =>
        RunEncoded(Encode(tokens), state, trace);

    /// <summary>
    /// <see cref="Run"/> from input vectors instead of tokens, e.g. one-hot vectors that require a gradient, to
    /// measure ∂L/∂x_k.
    /// </summary>
    /// <param name="inputs">[batch, seq, input_size] ([seq, batch, input_size] for a time-first layer).</param>
    /// <param name="state">The layer's state; zeros when null.</param>
    /// <param name="trace">When given, receives the layer's states and gates per step.</param>
    /// <returns>Logits and the final state.</returns>
    public (Tensor Logits, Tensor[] State) RunEncoded(Tensor inputs, IReadOnlyList<Tensor>? state = null, RecurrentTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.dim() != 3)
            throw new ArgumentException($"{nameof(LanguageModel)}: expected inputs of rank 3 " +
                $"{(layer.BatchFirst ? "[batch, seq, input_size]" : "[seq, batch, input_size]")}, got shape {Checks.Shape(inputs)}.", nameof(inputs));
        var (output, final) = layer.Run(inputs, state, trace: trace);
        return (head.forward(output), final);
    }

    /// <summary>Tokens → next-token logits at every step, from a zero state.</summary>
    /// <param name="tokens">Token indices, int64, [batch, seq] ([seq, batch] for a time-first layer).</param>
    public override Tensor forward(Tensor tokens) => Run(tokens).Logits;

    /// <summary>
    /// One step for <see cref="Decoding.Decoder"/>: the previous token and the state → log-probabilities of the next
    /// token [vocabulary] and the new state, without gradients. Batch size 1: a state from a batched run must be
    /// narrowed to one row first (<c>s.narrow(1, row, 1)</c>).
    /// </summary>
    /// <param name="state">The state before the step; zeros when null.</param>
    /// <param name="token">The previous token.</param>
    public (Tensor LogProbabilities, Tensor[] State) Step(Tensor[]? state, long token)
    {
        if (token < 0 || token >= Vocabulary)
            throw new ArgumentOutOfRangeException(nameof(token), token, $"{nameof(LanguageModel)}: expected a token in 0..{Vocabulary - 1}.");
        using var noGrad = no_grad();
        var (logits, next) = Run(tensor(new[] { token }).reshape(1, 1), state);
        return (logits.reshape(-1).log_softmax(0), next);
    }
}

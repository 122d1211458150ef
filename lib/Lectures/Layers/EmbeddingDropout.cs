using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Layers;

/// <summary>
/// An embedding that drops whole rows in training: embedding dropout (Gal and Ghahramani 2016), as AWD-LSTM uses it
/// (Merity et al. 2017). For each forward pass every token of the vocabulary is kept with probability 1 − p, and a
/// kept row is scaled by 1/(1 − p); a dropped token becomes the zero vector at every position it occupies in the
/// batch, so the model loses the whole word (or character), not a few features of each occurrence. In evaluation
/// mode it is a plain lookup. The table is named <c>weight</c> [vocabulary, dimension] like <c>nn.Embedding</c>'s,
/// so a read-out can share it (weight tying).
/// </summary>
/// <example>
/// <code>
/// var embed = new EmbeddingDropout(vocab.Count, 32, p: 0.1);
/// var x = embed.forward(tokens);                 // [B, T] → [B, T, 32]; in training some tokens are zero throughout
/// var logits = h.matmul(embed.weight.t());       // a read-out tied to the same table
/// </code>
/// </example>
public sealed class EmbeddingDropout : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the table with <c>nn.Embedding</c>'s initialisation N(0, 1).</summary>
    /// <param name="vocabularySize">Rows: tokens in the vocabulary.</param>
    /// <param name="dimension">Features per token.</param>
    /// <param name="p">The probability of dropping a token's row, in [0, 1).</param>
    /// <param name="device">Where the table lives (CPU when null).</param>
    /// <param name="dtype">The table's dtype (float32 when null).</param>
    public EmbeddingDropout(long vocabularySize, long dimension, double p, Device? device = null, ScalarType? dtype = null)
        : base(nameof(EmbeddingDropout))
    {
        if (vocabularySize < 1) throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "The vocabulary size must be at least 1.");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The embedding dimension must be at least 1.");
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "The drop probability must be in [0, 1).");
        (VocabularySize, Dimension, P) = (vocabularySize, dimension, p);
        register_parameter(nameof(weight), new Parameter(randn([vocabularySize, dimension], dtype: dtype, device: device)));
    }

    /// <summary>Tokens in the vocabulary (rows of <see cref="weight"/>).</summary>
    public long VocabularySize { get; }

    /// <summary>Features per token.</summary>
    public long Dimension { get; }

    /// <summary>The probability of dropping a token's row in training.</summary>
    public double P { get; }

    /// <summary>The table E [vocabulary, dimension].</summary>
    public Parameter weight => get_parameter(nameof(weight))!;

    /// <summary>Looks up int64 token indices [...] → [..., dimension], with one row mask per call in training.</summary>
    /// <param name="indices">Token indices in [0, vocabulary).</param>
    public override Tensor forward(Tensor indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.dtype != ScalarType.Int64)
            throw new ArgumentException($"{nameof(EmbeddingDropout)}: expected int64 token indices, got {indices.dtype}.", nameof(indices));
        if (indices.numel() > 0 && (indices.min().item<long>() < 0 || indices.max().item<long>() >= VocabularySize))
            throw new ArgumentException($"{nameof(EmbeddingDropout)}: token indices must be in [0, {VocabularySize}); " +
                $"got {indices.min().item<long>()} to {indices.max().item<long>()}.", nameof(indices));
        using var scope = NewDisposeScope();
        Tensor E = weight;
        if (training && P > 0)
            E = E * (bernoulli(full([VocabularySize, 1], 1 - P, dtype: E.dtype, device: E.device)) / (1 - P));   // one keep/drop per row
        var rows = E.index_select(0, indices.flatten());
        return scope.MoveToOuter(rows.reshape([.. indices.shape, Dimension]));
    }
}

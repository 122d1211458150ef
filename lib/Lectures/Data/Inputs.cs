using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Data;

/// <summary>
/// The two ways to feed tokens to a network: a one-hot vector of the vocabulary's size, or a learned embedding
/// row of a chosen small size.
/// </summary>
public static class Inputs
{
    /// <summary>One-hot vectors: indices of any shape [...] become float32 [..., classes].</summary>
    /// <param name="indices">Token indices, int64, each in 0..classes−1.</param>
    /// <param name="classes">The vocabulary size.</param>
    /// <example>
    /// <code>
    /// var x = Inputs.OneHot(torch.tensor(vocab.Encode("hell")), vocab.Count);  // [4, 4]
    /// </code>
    /// </example>
    public static Tensor OneHot(Tensor indices, int classes)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.dtype != ScalarType.Int64)
            throw new ArgumentException($"One-hot encoding needs int64 indices, got {indices.dtype}.", nameof(indices));
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "The number of classes must be at least 1.");
        if (indices.numel() > 0)
        {
            var (min, max) = (indices.min().item<long>(), indices.max().item<long>());
            if (min < 0 || max >= classes)
                throw new ArgumentException($"Indices must lie in 0..{classes - 1}; found values from {min} to {max}.", nameof(indices));
        }
        return torch.nn.functional.one_hot(indices, classes).to_type(ScalarType.Float32);
    }

    /// <summary>
    /// A learned embedding table [vocabularySize, dimension]; its padding row stays zero and gets no gradient.
    /// </summary>
    /// <param name="vocabularySize">Number of tokens.</param>
    /// <param name="dimension">Size of each embedding vector.</param>
    /// <param name="paddingIndex">The padding token's index, or <c>null</c> for none.</param>
    /// <example>
    /// <code>
    /// var embed = Inputs.Embedding(vocab.Count, 16, paddingIndex: 0);
    /// var x = embed.forward(tokens);   // [B, T] → [B, T, 16]
    /// </code>
    /// </example>
    public static Embedding Embedding(int vocabularySize, int dimension, long? paddingIndex = WordVocabulary.PaddingIndex)
    {
        if (vocabularySize < 1) throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "The vocabulary size must be at least 1.");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The embedding dimension must be at least 1.");
        return torch.nn.Embedding(vocabularySize, dimension, padding_idx: paddingIndex);
    }
}

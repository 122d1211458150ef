namespace Lectures.Layers;

/// <summary>
/// Which steps of a sequence produce outputs (lecture 004's flavours, one-to-one being a plain dense net), for
/// <see cref="SequenceHead"/> and for the output layer and loss of the manual BPTT classes in <c>Lectures.Bptt</c>.
/// </summary>
public enum SequenceFlavour
{
    /// <summary>
    /// An output at every step (synchronous many-to-many: tagging, next-character prediction). BPTT targets are
    /// (T, B, k) for squared error and (T, B) class indices for cross-entropy.
    /// </summary>
    ManyToMany,

    /// <summary>
    /// One output after each sequence's last real step (classifying a review). BPTT targets are (B, k) or (B).
    /// </summary>
    ManyToOne,

    /// <summary>
    /// One input, an output at every step (captioning, generation): the head reads every step, and for BPTT it is
    /// <see cref="ManyToMany"/> (what the inputs hold is the caller's choice).
    /// </summary>
    OneToMany,
}

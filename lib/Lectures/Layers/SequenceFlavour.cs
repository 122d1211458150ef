namespace Lectures.Layers;

/// <summary>Which steps of a sequence produce outputs (lecture 004's flavours, one-to-one being a plain dense net).</summary>
public enum SequenceFlavour
{
    /// <summary>An output at every step (synchronous many-to-many: tagging, next-character prediction).</summary>
    ManyToMany,

    /// <summary>One output after each sequence's last real step (classifying a review).</summary>
    ManyToOne,

    /// <summary>One input, an output at every step (captioning, generation): the head reads every step.</summary>
    OneToMany,
}

namespace Lectures.Figures.Drawing;

/// <summary>Which point of a label its x coordinate names.</summary>
public enum Anchor
{
    /// <summary>The label's middle.</summary>
    Middle,

    /// <summary>The label's left end.</summary>
    Start,

    /// <summary>The label's right end.</summary>
    End,
}

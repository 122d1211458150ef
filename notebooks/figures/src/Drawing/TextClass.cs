namespace Lectures.Figures.Drawing;

/// <summary>The kinds of text a figure has; each is one class of the style sheet.</summary>
public enum TextClass
{
    /// <summary>Mathematics: serif italic, 16 px (variables, equations).</summary>
    Math,

    /// <summary>Labels: sans-serif, 14 px.</summary>
    Label,

    /// <summary>Panel titles: sans-serif bold, 14 px.</summary>
    Title,

    /// <summary>Captions and notes: sans-serif, 12 px, muted.</summary>
    Small,

    /// <summary>Mathematics in a caption: serif italic, 12 px, muted.</summary>
    SmallMath,
}

namespace Lectures.Figures.Drawing;

/// <summary>What a box stands for; each role has one fill and stroke in the style sheet.</summary>
public enum Role
{
    /// <summary>An input x_t (blue).</summary>
    Input,

    /// <summary>A hidden or cell state h_t (green).</summary>
    Hidden,

    /// <summary>An initial state h_0 (green, dashed).</summary>
    Initial,

    /// <summary>An output y_t (amber).</summary>
    Output,

    /// <summary>A learned layer: σ or tanh of an affine map (rose).</summary>
    Layer,

    /// <summary>A pointwise operation: ⊙, +, 1 − (white).</summary>
    Op,

    /// <summary>Anything else: a processing stage, a token (light grey).</summary>
    Plain,
}

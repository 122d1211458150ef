namespace Lectures.Figures.Drawing;

/// <summary>The kinds of arrows; each is one class of the style sheet.</summary>
public enum Wire
{
    /// <summary>Data flowing forwards (ink).</summary>
    Ink,

    /// <summary>Data multiplied by a shared weight (violet).</summary>
    Weight,

    /// <summary>The cell state (thick orange).</summary>
    Highway,

    /// <summary>A gradient flowing back along the cell state (dashed orange).</summary>
    GradientHighway,

    /// <summary>A gradient flowing back through a weight (dashed violet).</summary>
    GradientWeight,

    /// <summary>An allowed but unused transition (light grey).</summary>
    Faint,

    /// <summary>The highlighted path through a lattice (orange).</summary>
    Path,
}

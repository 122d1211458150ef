namespace Lectures.Figures.Drawing;

/// <summary>
/// The one visual style of every figure: a palette by role, three text sizes and the line widths, written into each
/// SVG as the same embedded style sheet (README in notebooks/figures lists it). A figure is drawn on an opaque white
/// card, so the colours are chosen once and read the same in a light or a dark notebook theme.
/// </summary>
public static class Style
{
    /// <summary>Text and wires.</summary>
    public const string Ink = "#1f2933";

    /// <summary>Secondary text: captions, examples, notes.</summary>
    public const string Muted = "#616e7c";

    /// <summary>Inactive parts: lattice nodes no alignment visits, their edges.</summary>
    public const string Faint = "#c3cad3";

    /// <summary>The shared weights U, W, V and their labels.</summary>
    public const string Weight = "#6d28d9";

    /// <summary>The cell state and the paths a gradient travels along it.</summary>
    public const string Highway = "#ea580c";

    /// <summary>Font size of mathematics (variables, equations), in pixels.</summary>
    public const double MathSize = 16;

    /// <summary>Font size of labels and panel titles, in pixels.</summary>
    public const double LabelSize = 14;

    /// <summary>Font size of captions and notes, in pixels.</summary>
    public const double SmallSize = 12;

    /// <summary>The size of a text class, for placing sub- and superscripts and estimating widths.</summary>
    public static double FontSize(TextClass cls) => cls switch
    {
        TextClass.Math => MathSize,
        TextClass.Label or TextClass.Title => LabelSize,
        TextClass.Small or TextClass.SmallMath => SmallSize,
        _ => throw new ArgumentOutOfRangeException(nameof(cls), cls, "no such text class"),
    };

    /// <summary>The CSS class name of a text class.</summary>
    public static string ClassName(TextClass cls) => cls switch
    {
        TextClass.Math => "m",
        TextClass.Label => "l",
        TextClass.Title => "title",
        TextClass.Small => "small",
        TextClass.SmallMath => "m small",
        _ => throw new ArgumentOutOfRangeException(nameof(cls), cls, "no such text class"),
    };

    /// <summary>
    /// The style sheet: fills by role (input blue, hidden state green, output amber, learned layer rose, pointwise
    /// operation white), wires by kind (ink, weight violet, highway orange, faint), fonts that every system has a
    /// version of (no web fonts: the figures must draw offline).
    /// </summary>
    public static readonly string Sheet = string.Join("\n",
        "text { font-family: 'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 14px; fill: " + Ink + "; }",
        ".m { font-family: 'DejaVu Serif', Cambria, 'Times New Roman', serif; font-style: italic; font-size: 16px; }",
        ".l { font-size: 14px; }",
        ".title { font-size: 14px; font-weight: bold; }",
        ".small { font-size: 12px; fill: " + Muted + "; }",
        ".s { font-size: 72%; }",
        ".ar { font-family: 'DejaVu Sans', 'Segoe UI Symbol', Arial, sans-serif; font-style: normal; font-size: 80%; }",
        ".r { font-style: normal; }",
        ".w { fill: " + Weight + "; font-weight: bold; }",
        ".hw { fill: " + Highway + "; }",
        ".card { fill: #ffffff; }",
        ".halo { fill: none; stroke: #ffffff; stroke-width: 8; }",
        ".input { fill: #dbeafe; stroke: #1d4ed8; stroke-width: 1.5; }",
        ".hidden { fill: #dcfce7; stroke: #15803d; stroke-width: 1.5; }",
        ".output { fill: #fef3c7; stroke: #b45309; stroke-width: 1.5; }",
        ".layer { fill: #ffe4e6; stroke: #be123c; stroke-width: 1.5; }",
        ".op { fill: #ffffff; stroke: " + Ink + "; stroke-width: 1.5; }",
        ".plain { fill: #f5f7fa; stroke: #9aa5b1; stroke-width: 1.2; }",
        ".frame { fill: none; stroke: #9aa5b1; stroke-width: 1.2; stroke-dasharray: 5 4; }",
        ".initial { fill: #f0fdf4; stroke: #15803d; stroke-width: 1.5; stroke-dasharray: 4 3; }",
        ".pixel { fill: " + Ink + "; }",
        ".grid { fill: none; stroke: #d9dee4; stroke-width: 0.8; }",
        ".path-node { fill: #ffedd5; stroke: " + Highway + "; stroke-width: 2.5; }",
        ".valid-node { fill: #ffffff; stroke: " + Ink + "; stroke-width: 1.3; }",
        ".void-node { fill: #ffffff; stroke: " + Faint + "; stroke-width: 1; }",
        ".a-ink path, .a-ink line { fill: none; stroke: " + Ink + "; stroke-width: 1.6; }",
        ".a-ink polygon { fill: " + Ink + "; }",
        ".a-weight path, .a-weight line { fill: none; stroke: " + Weight + "; stroke-width: 2; }",
        ".a-weight polygon { fill: " + Weight + "; }",
        ".a-highway path, .a-highway line { fill: none; stroke: " + Highway + "; stroke-width: 3.5; }",
        ".a-highway polygon { fill: " + Highway + "; }",
        ".a-grad-highway path, .a-grad-highway line { fill: none; stroke: " + Highway + "; stroke-width: 2; stroke-dasharray: 6 4; }",
        ".a-grad-highway polygon { fill: " + Highway + "; }",
        ".a-grad-weight path, .a-grad-weight line { fill: none; stroke: " + Weight + "; stroke-width: 2; stroke-dasharray: 6 4; }",
        ".a-grad-weight polygon { fill: " + Weight + "; }",
        ".a-faint path, .a-faint line { fill: none; stroke: " + Faint + "; stroke-width: 1.2; }",
        ".a-faint polygon { fill: " + Faint + "; }",
        ".a-path path, .a-path line { fill: none; stroke: " + Highway + "; stroke-width: 3; }",
        ".a-path polygon { fill: " + Highway + "; }");
}

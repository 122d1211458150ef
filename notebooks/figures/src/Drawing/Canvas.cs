using System.Security;
using System.Text;
using static Lectures.Figures.Drawing.Markup;

namespace Lectures.Figures.Drawing;

/// <summary>
/// One figure being drawn: boxes, operation circles, arrows and text on a white card of
/// <paramref name="width"/> × <paramref name="height"/> pixels, written out as plain SVG 1.1 with the shared style
/// sheet, a title and a description (what a screen reader says, and what a search finds).
/// </summary>
/// <param name="width">Width in pixels (also the viewBox's).</param>
/// <param name="height">Height in pixels (also the viewBox's).</param>
public sealed class Canvas(int width, int height)
{
    private const double HeadLength = 9, HeadHalfWidth = 4.5;

    private readonly StringBuilder body = new();

    /// <summary>Width in pixels.</summary>
    public int Width => width;

    /// <summary>Height in pixels.</summary>
    public int Height => height;

    /// <summary>Starts a commented group, so a maintainer finds each part of the figure in the SVG.</summary>
    public Canvas Comment(string what)
    {
        body.Append($"<!-- {what.Replace("--", "–")} -->\n");
        return this;
    }

    /// <summary>A rectangle with its top-left corner at (x, y).</summary>
    public Canvas Rect(double x, double y, double w, double h, string cssClass, double corner = 6)
    {
        body.Append($"<rect x=\"{Number(x)}\" y=\"{Number(y)}\" width=\"{Number(w)}\" height=\"{Number(h)}\"");
        if (corner > 0) body.Append($" rx=\"{Number(corner)}\"");
        body.Append($" class=\"{cssClass}\"/>\n");
        return this;
    }

    /// <summary>A box of <paramref name="role"/> centred on (cx, cy), with a label in its middle.</summary>
    public Canvas Box(double cx, double cy, double w, double h, Role role, string label = "", TextClass text = TextClass.Math) =>
        Rect(cx - w / 2, cy - h / 2, w, h, ClassOf(role)).Text(cx, cy, label, text);

    /// <summary>A pointwise operation (⊙, +, 1−): a white circle of radius <paramref name="r"/> with its symbol.</summary>
    public Canvas Op(double cx, double cy, string symbol, double r = 11)
    {
        Circle(cx, cy, r, "op");
        return Text(cx, cy, symbol, TextClass.Label);
    }

    /// <summary>
    /// A horizontal wire at <paramref name="y"/> from <paramref name="from"/> to <paramref name="to"/> through pointwise
    /// operations (x, symbol) in between, ending in an arrowhead when <paramref name="arrow"/> is set.
    /// </summary>
    public Canvas Track(Wire wire, double y, double from, double to, bool arrow, params (double X, string Symbol)[] operations)
    {
        var start = from;
        foreach (var (x, symbol) in operations)
        {
            Line(wire, (start, y), (x - 11, y)).Op(x, y, symbol);
            start = x + 11;
        }
        return arrow ? Arrow(wire, (start, y), (to, y)) : Line(wire, (start, y), (to, y));
    }

    /// <summary>Lines of text one below the other, starting at (x, y), <paramref name="spacing"/> pixels apart.</summary>
    public Canvas Lines(double x, double y, double spacing, TextClass cls, params string[] lines)
    {
        for (var i = 0; i < lines.Length; i++) Text(x, y + i * spacing, lines[i], cls, Anchor.Start);
        return this;
    }

    /// <summary>A light grey panel with a bold title centred at its top (or starting at its left, for wide panels).</summary>
    public Canvas Panel(double x, double y, double w, double h, string title, Anchor titleAnchor = Anchor.Middle) =>
        Rect(x, y, w, h, "plain", 8).Text(titleAnchor == Anchor.Start ? x + 14 : x + w / 2, y + 20, title, TextClass.Title, titleAnchor);

    /// <summary>A circle centred on (cx, cy).</summary>
    public Canvas Circle(double cx, double cy, double r, string cssClass)
    {
        body.Append($"<circle cx=\"{Number(cx)}\" cy=\"{Number(cy)}\" r=\"{Number(r)}\" class=\"{cssClass}\"/>\n");
        return this;
    }

    /// <summary>
    /// A label whose middle (or start, or end) sits at x and whose vertical centre sits at y. The centre is placed
    /// with a baseline offset of 0.35 em rather than dominant-baseline, which renderers disagree on.
    /// </summary>
    public Canvas Text(double x, double y, string markup, TextClass cls = TextClass.Math, Anchor anchor = Anchor.Middle)
    {
        if (markup.Length == 0) return this;
        var size = Style.FontSize(cls);
        var (xml, _) = Render(markup, size);
        var anchorAttribute = anchor switch { Anchor.Start => "", Anchor.End => " text-anchor=\"end\"", _ => " text-anchor=\"middle\"" };
        body.Append($"<text x=\"{Number(x)}\" y=\"{Number(y + 0.35 * size)}\" class=\"{Style.ClassName(cls)}\"{anchorAttribute}>{xml}</text>\n");
        return this;
    }

    /// <summary>Estimated width of a label in pixels, to size the box around it.</summary>
    public static double TextWidth(string markup, TextClass cls = TextClass.Math) => Render(markup, Style.FontSize(cls)).Width;

    /// <summary>A line without an arrowhead.</summary>
    public Canvas Line(Wire wire, params (double X, double Y)[] points)
    {
        body.Append($"<g class=\"{ClassOf(wire)}\"><path d=\"{PathData(points)}\"/></g>\n");
        return this;
    }

    /// <summary>
    /// A straight stretch of <paramref name="wire"/> drawn again over a white band, where it crosses another wire: the
    /// band cuts a gap into the wire below, so the crossing does not read as a junction.
    /// </summary>
    public Canvas Bridge(Wire wire, (double X, double Y) from, (double X, double Y) to)
    {
        var data = PathData([from, to]);
        body.Append($"<path d=\"{data}\" class=\"halo\"/>\n<g class=\"{ClassOf(wire)}\"><path d=\"{data}\"/></g>\n");
        return this;
    }

    /// <summary>A polyline through <paramref name="points"/> with an arrowhead at the last one.</summary>
    public Canvas Arrow(Wire wire, params (double X, double Y)[] points)
    {
        if (points.Length < 2) throw new ArgumentException($"an arrow needs at least 2 points, got {points.Length}", nameof(points));
        var (tip, from) = (points[^1], points[^2]);
        var shortened = points.ToArray();
        shortened[^1] = Back(tip, from, HeadLength * 0.8);
        return Headed(wire, PathData(shortened), tip, from);
    }

    /// <summary>A cubic Bézier from <paramref name="start"/> to <paramref name="end"/> with an arrowhead at the end.</summary>
    public Canvas Curve(Wire wire, (double X, double Y) start, (double X, double Y) control1, (double X, double Y) control2, (double X, double Y) end)
    {
        var stop = Back(end, control2, HeadLength * 0.8);
        var data = $"M{Number(start.X)} {Number(start.Y)} C{Number(control1.X)} {Number(control1.Y)} {Number(control2.X)} {Number(control2.Y)} {Number(stop.X)} {Number(stop.Y)}";
        return Headed(wire, data, end, control2);
    }

    /// <summary>The SVG document: declaration, root with viewBox, title, description, style sheet, card, drawing.</summary>
    public string ToSvg(string title, string description)
    {
        var svg = new StringBuilder();
        svg.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.Append("<!-- Drawn by the program in notebooks/figures/src (notebooks/figures/README.md): edit the source, not this file. -->\n");
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n");
        svg.Append($"<title>{SecurityElement.Escape(title)}</title>\n");
        svg.Append($"<desc>{SecurityElement.Escape(description)}</desc>\n");
        svg.Append("<style type=\"text/css\">\n").Append(Style.Sheet).Append("\n</style>\n");
        svg.Append($"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" rx=\"10\" class=\"card\"/>\n");
        svg.Append(body);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private Canvas Headed(Wire wire, string data, (double X, double Y) tip, (double X, double Y) from)
    {
        var (dx, dy) = (tip.X - from.X, tip.Y - from.Y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        if (length == 0) throw new ArgumentException("an arrowhead needs a direction: its last two points coincide");
        var (ux, uy) = (dx / length, dy / length);
        var (bx, by) = (tip.X - ux * HeadLength, tip.Y - uy * HeadLength);
        var head = $"{Number(tip.X)},{Number(tip.Y)} {Number(bx - uy * HeadHalfWidth)},{Number(by + ux * HeadHalfWidth)} {Number(bx + uy * HeadHalfWidth)},{Number(by - ux * HeadHalfWidth)}";
        body.Append($"<g class=\"{ClassOf(wire)}\"><path d=\"{data}\"/><polygon points=\"{head}\"/></g>\n");
        return this;
    }

    private static (double X, double Y) Back((double X, double Y) tip, (double X, double Y) from, double by)
    {
        var (dx, dy) = (tip.X - from.X, tip.Y - from.Y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        return length <= by ? from : (tip.X - dx / length * by, tip.Y - dy / length * by);
    }

    private static string PathData((double X, double Y)[] points) =>
        string.Join(" ", points.Select((p, i) => $"{(i == 0 ? 'M' : 'L')}{Number(p.X)} {Number(p.Y)}"));

    private static string ClassOf(Role role) => role switch
    {
        Role.Input => "input",
        Role.Hidden => "hidden",
        Role.Initial => "initial",
        Role.Output => "output",
        Role.Layer => "layer",
        Role.Op => "op",
        Role.Plain => "plain",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "no such role"),
    };

    private static string ClassOf(Wire wire) => wire switch
    {
        Wire.Ink => "a-ink",
        Wire.Weight => "a-weight",
        Wire.Highway => "a-highway",
        Wire.GradientHighway => "a-grad-highway",
        Wire.GradientWeight => "a-grad-weight",
        Wire.Faint => "a-faint",
        Wire.Path => "a-path",
        _ => throw new ArgumentOutOfRangeException(nameof(wire), wire, "no such wire"),
    };
}

using System.Globalization;
using Lectures.Figures.Ctc;
using Lectures.Figures.Drawing;

namespace Lectures.Figures.Figures;

/// <summary>The CTC lattice of "cat" over 9 columns, with notebook 14's alignment "cc-a--tt-" on it.</summary>
public static class CtcAlignmentLattice
{
    /// <summary>The word and the alignment drawn, as notebook 14's prose writes them.</summary>
    public const string Word = "cat", Alignment = "cc-a--tt-";

    private const double Left = 150, Top = 92, Column = 66, Row = 42, Radius = 11;

    /// <summary>Draws the figure.</summary>
    public static Figure Draw()
    {
        var lattice = new CtcLattice(Word, Alignment.Length);
        var path = lattice.StatesOf(Alignment);
        var count = lattice.CountAlignments().ToString("N0", CultureInfo.InvariantCulture);
        var title = $"The CTC lattice of {Word} over {lattice.Steps} columns: blank and letter states, the allowed moves, and the alignment {Alignment}";
        var canvas = new Canvas(800, 520);
        double X(int t) => Left + t * Column;
        double Y(int s) => Top + s * Row;

        canvas.Comment("column numbers and the alignment's label in each column");
        canvas.Text(Left - 60, Top - 58, "column t", TextClass.Small, Anchor.End)
              .Text(Left - 60, Top - 34, "alignment", TextClass.Small, Anchor.End);
        for (var t = 0; t < lattice.Steps; t++)
            canvas.Text(X(t), Top - 58, (t + 1).ToString(CultureInfo.InvariantCulture), TextClass.Small)
                  .Text(X(t), Top - 34, @"\h{" + Alignment[t] + "}", TextClass.Title);

        canvas.Comment("every allowed move between nodes that some alignment visits");
        for (var t = 0; t + 1 < lattice.Steps; t++)
            for (var from = 0; from < lattice.States.Length; from++)
                for (var to = from; to <= Math.Min(from + 2, lattice.States.Length - 1); to++)
                    if (lattice.CanMove(from, to) && lattice.IsOnSomeAlignment(t, from) && lattice.IsOnSomeAlignment(t + 1, to)
                        && !(path[t] == from && path[t + 1] == to))
                        canvas.Line(Wire.Faint, Rim(X(t), Y(from), X(t + 1), Y(to)), Rim(X(t + 1), Y(to), X(t), Y(from)));

        canvas.Comment("the alignment " + Alignment);
        for (var t = 0; t + 1 < lattice.Steps; t++)
            canvas.Arrow(Wire.Path, Rim(X(t), Y(path[t]), X(t + 1), Y(path[t + 1])), Rim(X(t + 1), Y(path[t + 1]), X(t), Y(path[t])));

        canvas.Comment("the nodes: one state per row, one column per step");
        for (var s = 0; s < lattice.States.Length; s++)
        {
            var label = lattice.States[s] == CtcLattice.Blank ? "blank" : lattice.States[s].ToString();
            canvas.Text(Left - 60, Y(s), label, lattice.States[s] == CtcLattice.Blank ? TextClass.Small : TextClass.Title, Anchor.End);
            for (var t = 0; t < lattice.Steps; t++)
            {
                var cls = path[t] == s ? "path-node" : lattice.IsOnSomeAlignment(t, s) ? "valid-node" : "void-node";
                canvas.Circle(X(t), Y(s), Radius, cls);
            }
        }
        canvas.Arrow(Wire.Ink, (Left - 44, Y(0)), (X(0) - Radius - 2, Y(0)))
              .Arrow(Wire.Ink, (Left - 44, Y(1)), (X(0) - Radius - 2, Y(1)))
              .Text(Left - 38, Y(0) + 20, "start", TextClass.Small, Anchor.Start);
        var last = X(lattice.Steps - 1);
        var (end1, end2) = (Y(lattice.States.Length - 2), Y(lattice.States.Length - 1));
        canvas.Arrow(Wire.Ink, (last + Radius + 2, end1), (last + 44, end1))
              .Arrow(Wire.Ink, (last + Radius + 2, end2), (last + 44, end2))
              .Text(last + 24, end2 + 24, "end", TextClass.Small);

        canvas.Comment("legend");
        var legend = Y(lattice.States.Length - 1) + 52;
        canvas.Text(40, legend, "each move goes one column right: stay on the state (repeat its label), go to the next state, or skip", TextClass.Small, Anchor.Start)
              .Text(40, legend + 18, "a blank, allowed only between two different letters (a doubled letter needs a blank between its copies)", TextClass.Small, Anchor.Start)
              .Text(40, legend + 36, $"grey lines: the other allowed moves; pale nodes: on no alignment; in all, {count} alignments spell \"{Word}\"", TextClass.Small, Anchor.Start)
              .Text(400, legend + 68, @"L_{\r{CTC}} = −\r{log} Σ_{π → z} Π_t p_t(π_t)", TextClass.Math)
              .Text(400, legend + 90, "summed over every path through this lattice by dynamic programming, column by column", TextClass.Small);

        return new Figure("ctc-lattice", title, canvas.ToSvg(title,
            $"A grid with one column per step (1 to {lattice.Steps}) and one row per state: blank, c, blank, a, blank, t, blank. " +
            $"The alignment {Alignment} is highlighted: c c blank a blank blank t t blank, which collapses to {Word}. " +
            "Grey lines show the other allowed moves between nodes that some alignment visits; paths start in the first " +
            $"two states and end in the last two; {count} alignments in all spell the word."));
    }

    /// <summary>The point on the rim of the node at (x, y) facing (towardX, towardY).</summary>
    private static (double X, double Y) Rim(double x, double y, double towardX, double towardY)
    {
        var (dx, dy) = (towardX - x, towardY - y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        return (x + dx / length * (Radius + 1), y + dy / length * (Radius + 1));
    }
}

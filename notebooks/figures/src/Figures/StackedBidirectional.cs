using Lectures.Figures.Drawing;

namespace Lectures.Figures.Figures;

/// <summary>A stacked RNN (two layers) next to a bidirectional one, h_t = [h→_t; h←_t].</summary>
public static class StackedBidirectional
{
    private const double OutputRow = 64, UpperRow = 146, LowerRow = 228, InputRow = 310, BoxWidth = 58, BoxHeight = 36;

    /// <summary>Draws the figure.</summary>
    public static Figure Draw()
    {
        const string title = "A stacked RNN with two layers, and a bidirectional RNN whose output reads the forward and the backward state at every step";
        var canvas = new Canvas(880, 470);

        canvas.Comment("stacked: layer 2 reads the states of layer 1");
        canvas.Panel(14, 10, 392, 450, "stacked (2 layers)");
        double[] stacked = [90, 210, 330];
        for (var t = 0; t < 3; t++)
        {
            var x = stacked[t];
            Column(canvas, x, t + 1, "h^{(2)}", "h^{(1)}");
            Up(canvas, x, InputRow, LowerRow);
            Up(canvas, x, LowerRow, UpperRow);
            Up(canvas, x, UpperRow, OutputRow);
            if (t > 0) Recurrences(canvas, stacked[t - 1], x, upperBackwards: false);
        }
        canvas.Text(210, 370, @"h^{(1)}_t = \r{tanh}(W^{(1)} h^{(1)}_{t−1} + U^{(1)} x_t + b^{(1)})")
              .Text(210, 400, @"h^{(2)}_t = \r{tanh}(W^{(2)} h^{(2)}_{t−1} + U^{(2)} h^{(1)}_t + b^{(2)})")
              .Text(210, 430, @"y_t = V h^{(2)}_t + c");

        canvas.Comment("bidirectional: a forward and a backward RNN, concatenated at every step");
        canvas.Panel(420, 10, 446, 450, "bidirectional");
        double[] both = [513, 643, 773];
        for (var t = 0; t < 3; t++)
        {
            var x = both[t];
            Column(canvas, x, t + 1, "h^{←}", "h^{→}");
            Up(canvas, x - 12, InputRow, LowerRow);
            Up(canvas, x + 12, UpperRow, OutputRow);
            // x_t reaches the backward layer round the right of the forward box; the forward state reaches y_t round the left.
            canvas.Curve(Wire.Ink, (x + 16, InputRow - BoxHeight / 2), (x + 62, InputRow - 60), (x + 62, UpperRow + 60), (x + 16, UpperRow + BoxHeight / 2))
                  .Curve(Wire.Ink, (x - 16, LowerRow - BoxHeight / 2), (x - 62, LowerRow - 60), (x - 62, OutputRow + 60), (x - 16, OutputRow + BoxHeight / 2));
            if (t > 0) Recurrences(canvas, both[t - 1], x, upperBackwards: true);
        }
        canvas.Text(643, 370, @"h^{→}_t = f(W^{→} h^{→}_{t−1} + U^{→} x_t)")
              .Text(643, 400, @"h^{←}_t = f(W^{←} h^{←}_{t+1} + U^{←} x_t)")
              .Text(643, 430, @"y_t = V [h^{→}_t; h^{←}_t] + c");

        return new Figure("rnn-stacked-bidirectional", title, canvas.ToSvg(title,
            "Left: a stacked RNN over three steps; layer 1 reads x_t, layer 2 reads the states h^(1)_t of layer 1, the " +
            "output y_t reads layer 2. Right: a bidirectional RNN; a forward layer runs from step 1 to 3, a backward layer " +
            "from step 3 to 1, both read x_t, and y_t reads both states, y_t = V [h→_t; h←_t] + c."));
    }

    /// <summary>One step: x_t, the lower and the upper state, y_t.</summary>
    private static void Column(Canvas canvas, double x, int t, string upper, string lower)
    {
        var n = t.ToString(System.Globalization.CultureInfo.InvariantCulture);
        canvas.Box(x, OutputRow, BoxWidth, BoxHeight, Role.Output, "y_" + n)
              .Box(x, UpperRow, BoxWidth, BoxHeight, Role.Hidden, upper + "_" + n)
              .Box(x, LowerRow, BoxWidth, BoxHeight, Role.Hidden, lower + "_" + n)
              .Box(x, InputRow, BoxWidth, BoxHeight, Role.Input, "x_" + n);
    }

    /// <summary>The two recurrences between neighbouring steps: the lower one forwards, the upper one either way.</summary>
    private static void Recurrences(Canvas canvas, double previous, double x, bool upperBackwards)
    {
        var (left, right) = (previous + BoxWidth / 2, x - BoxWidth / 2);
        canvas.Arrow(Wire.Ink, (left, LowerRow), (right, LowerRow));
        if (upperBackwards) canvas.Arrow(Wire.Ink, (right, UpperRow), (left, UpperRow));
        else canvas.Arrow(Wire.Ink, (left, UpperRow), (right, UpperRow));
    }

    private static void Up(Canvas canvas, double x, double fromRow, double toRow) =>
        canvas.Arrow(Wire.Ink, (x, fromRow - BoxHeight / 2), (x, toRow + BoxHeight / 2));
}

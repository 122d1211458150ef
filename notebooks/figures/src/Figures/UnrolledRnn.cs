using Lectures.Figures.Drawing;

namespace Lectures.Figures.Figures;

/// <summary>The RNN folded (one cell with a loop) and unrolled over time, the same U, W, V at every step.</summary>
public static class UnrolledRnn
{
    private const double OutputRow = 60, HiddenRow = 160, InputRow = 260, BoxWidth = 64, BoxHeight = 38;

    /// <summary>Draws the figure.</summary>
    public static Figure Draw()
    {
        const string title = "An RNN folded and unrolled in time: the same weights U, W, V at every step";
        var canvas = new Canvas(860, 350);

        canvas.Comment("folded: one cell and its loop");
        Column(canvas, 80, "t");
        canvas.Curve(Wire.Weight, (80 + BoxWidth / 2, HiddenRow - 9), (150, HiddenRow - 45), (150, HiddenRow + 45), (80 + BoxWidth / 2, HiddenRow + 9))
              .Text(146, HiddenRow, @"\w{W}", anchor: Anchor.Start);

        canvas.Comment("unfold");
        canvas.Arrow(Wire.Ink, (190, HiddenRow), (245, HiddenRow)).Text(217, HiddenRow - 16, "unfold", TextClass.Small);

        canvas.Comment("unrolled: h_0, steps 1, 2, 3, …, T");
        canvas.Box(295, HiddenRow, BoxWidth, BoxHeight, Role.Initial, "h_0");
        double[] steps = [400, 505, 610];
        for (var t = 0; t < steps.Length; t++) Column(canvas, steps[t], (t + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Column(canvas, 795, "T");
        double previousRight = 295 + BoxWidth / 2;
        foreach (var x in steps)
        {
            Recurrence(canvas, previousRight, x - BoxWidth / 2);
            previousRight = x + BoxWidth / 2;
        }
        Recurrence(canvas, previousRight, 683);
        canvas.Text(702, HiddenRow, "⋯", TextClass.Label);
        Recurrence(canvas, 720, 795 - BoxWidth / 2);

        canvas.Comment("the equations");
        canvas.Text(470, 308, @"h_t = \r{tanh}(\w{W} h_{t−1} + \w{U} x_t + b),  y_t = \w{V} h_t + c")
              .Text(470, 334, "the same U, W, V (and biases b, c) at every step: the loop unrolled, not new weights", TextClass.Small);

        return new Figure("rnn-unrolled", title, canvas.ToSvg(title,
            "Left: a recurrent cell with input x_t, hidden state h_t and output y_t, the loop on h_t labelled W. Right: the " +
            "same network unrolled over steps 1 to T, starting from h_0: every step reads x_t through U, the previous state " +
            "through W, and writes y_t through V. h_t = tanh(W h_{t-1} + U x_t + b), y_t = V h_t + c."));
    }

    /// <summary>One step: x_t below, h_t in the middle, y_t on top, the input and output weights on the arrows.</summary>
    private static void Column(Canvas canvas, double x, string t)
    {
        var sub = t.Length == 1 ? t : "{" + t + "}";
        canvas.Box(x, OutputRow, BoxWidth, BoxHeight, Role.Output, "y_" + sub)
              .Box(x, HiddenRow, BoxWidth, BoxHeight, Role.Hidden, "h_" + sub)
              .Box(x, InputRow, BoxWidth, BoxHeight, Role.Input, "x_" + sub)
              .Arrow(Wire.Weight, (x, InputRow - BoxHeight / 2), (x, HiddenRow + BoxHeight / 2))
              .Text(x - 9, (InputRow + HiddenRow) / 2, @"\w{U}", anchor: Anchor.End)
              .Arrow(Wire.Weight, (x, HiddenRow - BoxHeight / 2), (x, OutputRow + BoxHeight / 2))
              .Text(x - 9, (HiddenRow + OutputRow) / 2, @"\w{V}", anchor: Anchor.End);
    }

    private static void Recurrence(Canvas canvas, double from, double to) =>
        canvas.Arrow(Wire.Weight, (from, HiddenRow), (to, HiddenRow)).Text((from + to) / 2, HiddenRow - 14, @"\w{W}");
}

using Lectures.Figures.Drawing;

namespace Lectures.Figures.Figures;

/// <summary>One step of the vanilla RNN: h_t = tanh(W h_{t−1} + U x_t + b), y_t = V h_t + c.</summary>
public static class VanillaCell
{
    private const double Row = 200;

    /// <summary>Draws the figure.</summary>
    public static Figure Draw()
    {
        const string title = "The vanilla RNN cell: W times the previous state plus U times the input plus b, through tanh, is the new state; V reads the output from it";
        var canvas = new Canvas(680, 400);

        canvas.Comment("the cell");
        canvas.Rect(130, 132, 360, 160, "frame", 10).Text(142, 148, "RNN cell", TextClass.Small, Anchor.Start);
        canvas.Box(60, Row, 70, 36, Role.Hidden, "h_{t−1}")
              .Box(200, Row, 44, 34, Role.Plain, @"\w{W}")
              .Arrow(Wire.Ink, (95, Row), (178, Row))
              .Box(330, 330, 64, 36, Role.Input, "x_t")
              .Box(330, 262, 44, 34, Role.Plain, @"\w{U}")
              .Arrow(Wire.Ink, (330, 312), (330, 279))
              .Op(330, Row, "+")
              .Arrow(Wire.Ink, (222, Row), (319, Row))
              .Arrow(Wire.Ink, (330, 245), (330, Row + 11))
              .Text(330, 150, "b")
              .Arrow(Wire.Ink, (330, 160), (330, Row - 11))
              .Box(425, Row, 60, 34, Role.Layer, @"\r{tanh}")
              .Arrow(Wire.Ink, (341, Row), (395, Row));

        canvas.Comment("the new state, passed on and read out");
        canvas.Box(570, Row, 64, 36, Role.Hidden, "h_t")
              .Arrow(Wire.Ink, (455, Row), (538, Row))
              .Arrow(Wire.Ink, (602, Row), (664, Row))
              .Text(633, Row + 18, "to t + 1", TextClass.Small)
              .Box(570, 122, 44, 34, Role.Plain, @"\w{V}")
              .Arrow(Wire.Ink, (570, Row - 18), (570, 139))
              .Box(570, 42, 64, 36, Role.Output, "y_t")
              .Arrow(Wire.Ink, (570, 105), (570, 60))
              .Text(582, 83, "+ c", anchor: Anchor.Start);

        canvas.Text(340, 380, @"h_t = \r{tanh}(\w{W} h_{t−1} + \w{U} x_t + b)        y_t = \w{V} h_t + c".Replace("        ", "\u2003\u2003"));
        return new Figure("cell-vanilla", title, canvas.ToSvg(title,
            "The previous state h_{t-1} is multiplied by W, the input x_t by U; the sum plus the bias b goes through tanh " +
            "and gives the new state h_t, which is passed to the next step and read out as y_t = V h_t + c."));
    }
}

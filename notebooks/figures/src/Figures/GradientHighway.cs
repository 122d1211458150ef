using System.Globalization;
using Lectures.Figures.Drawing;

namespace Lectures.Figures.Figures;

/// <summary>
/// Three LSTM steps side by side: the gradient of L_t flows back along the cell state through ⊙ f and + only, and
/// along h through the recurrent weights and the gates' slopes at every step.
/// </summary>
public static class GradientHighway
{
    private const double GradientC = 66, CellRow = 110, HiddenRow = 250, GradientH = 300, FrameWidth = 200, FrameStep = 262, FirstFrame = 56, Gap = FrameStep - FrameWidth;

    /// <summary>Draws the figure.</summary>
    public static Figure Draw()
    {
        const string title = "The cell state as a gradient highway: backwards, the gradient along c is multiplied only by the forget gate, along h by W and the gates' slopes at every step";
        var canvas = new Canvas(880, 450);
        string[] steps = ["t−2", "t−1", "t"];
        string Before(int j) => j == 0 ? "t−3" : steps[j - 1];

        for (var j = 0; j < 3; j++)
        {
            var left = FirstFrame + j * FrameStep;
            var (forget, add, output) = (left + 45, left + 105, left + 165);
            canvas.Comment($"step {steps[j]}");
            canvas.Rect(left, 88, FrameWidth, 196, "frame", 10).Text(left + 10, 275, "step " + steps[j], TextClass.Small, Anchor.Start);
            canvas.Track(Wire.Highway, CellRow, left - Gap / 2, left + FrameWidth + Gap / 2, arrow: false, (forget, "⊙"), (add, "+"))
                  .Arrow(Wire.Highway, (output, CellRow), (output, HiddenRow - 11))
                  .Line(Wire.Ink, (left - Gap / 2, HiddenRow), (left + 20, HiddenRow))
                  .Box(left + 75, HiddenRow, 120, 34, Role.Layer, @"\w{W}, σ, \r{tanh}")
                  .Arrow(Wire.Ink, (forget, HiddenRow - 17), (forget, CellRow + 11))
                  .Text(forget - 8, 180, "f_" + Sub(steps[j]), anchor: Anchor.End)
                  .Arrow(Wire.Ink, (add, HiddenRow - 17), (add, CellRow + 11))
                  .Text(add + 8, 180, "i ⊙ g", anchor: Anchor.Start)
                  .Arrow(Wire.Ink, (left + 135, HiddenRow), (output - 11, HiddenRow))
                  .Op(output, HiddenRow, "⊙")
                  .Line(Wire.Ink, (output + 11, HiddenRow), (left + FrameWidth + Gap / 2, HiddenRow))
                  .Text(left - Gap / 2, CellRow - 14, @"\h{c_" + Sub(Before(j)) + "}")
                  .Text(left - Gap / 2, HiddenRow - 16, "h_" + Sub(Before(j)));

            canvas.Comment($"the gradient crossing step {steps[j]}, backwards");
            canvas.Arrow(Wire.GradientHighway, (left + FrameWidth - 10, GradientC), (left + 10, GradientC))
                  .Text(left + FrameWidth / 2, GradientC - 16, @"\h{× f_" + Sub(steps[j]) + "}")
                  .Arrow(Wire.GradientWeight, (left + FrameWidth - 10, GradientH), (left + 10, GradientH))
                  .Text(left + FrameWidth / 2, GradientH + 18, @"× slopes · \w{W}");
        }

        canvas.Comment("the loss at step t");
        var end = FirstFrame + 2 * FrameStep + FrameWidth;
        canvas.Text(end + 16, CellRow - 14, @"\h{c_t}")
              .Text(end + 16, HiddenRow - 16, "h_t")
              .Arrow(Wire.Ink, (end + 31, HiddenRow), (end + 50, HiddenRow))
              .Box(end + 70, HiddenRow, 40, 34, Role.Output, "L_t");

        canvas.Comment("what the two paths do to the gradient");
        Caption(canvas, 352, @"\h{additive path along c:}", @"∂c_t/∂c_{t−1} = \r{diag}(f_t) + (terms through h)",
            "no weight matrix and no squashing: where f ≈ 1 the gradient passes back almost unchanged");
        Caption(canvas, 404, @"\w{multiplicative path along h:}", @"\w{W} and a slope σ′ ≤ 1/4 or \r{tanh}′ ≤ 1 at every step",
            "as in the vanilla RNN, the gradient shrinks or grows geometrically with the distance");

        return new Figure("lstm-gradient-highway", title, canvas.ToSvg(title,
            "Three LSTM steps, t-2, t-1 and t, with the loss L_t at the end. The cell state runs along the top through one " +
            "⊙ f and one + per step; its gradient flows back along it multiplied by f at each step, with no weight matrix. " +
            "The hidden state runs along the bottom through the gates, which use W; its gradient is multiplied by W and " +
            "the slopes of σ and tanh at every step, as in a vanilla RNN."));
    }

    private static void Caption(Canvas canvas, double y, string label, string formula, string note)
    {
        canvas.Text(250, y, label, TextClass.Label, Anchor.End)
              .Text(262, y, formula, TextClass.Math, Anchor.Start)
              .Text(262, y + 22, note, TextClass.Small, Anchor.Start);
    }

    private static string Sub(string step) => step.Length == 1 ? step : "{" + step + "}";
}

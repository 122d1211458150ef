using Lectures.Figures.Drawing;

namespace Lectures.Figures.Figures;

/// <summary>The popular LSTM cell with its gates i, f, g, o (PyTorch's names and order), the cell state on top.</summary>
public static class LstmCell
{
    private const double CellRow = 80, MultiplyRow = 175, OutRow = 215, LayerRow = 270, Bus = 330, Equations = 470;
    private const double F = 250, I = 340, G = 420, O = 520, Squash = 600, Split = 665;

    /// <summary>Draws the figure.</summary>
    public static Figure Draw()
    {
        const string title = "The LSTM cell: input gate i, forget gate f, candidate g and output gate o, with the cell state c along the top";
        var canvas = new Canvas(860, 580);
        canvas.Rect(120, 40, 600, 320, "frame", 10).Text(132, 56, "LSTM cell", TextClass.Small, Anchor.Start);

        canvas.Comment("the cell state: forget, then add");
        canvas.Box(50, CellRow, 70, 36, Role.Hidden, "c_{t−1}")
              .Track(Wire.Highway, CellRow, 85, 775, arrow: true, (F, "⊙"), (G, "+"))
              .Box(810, CellRow, 70, 36, Role.Hidden, "c_t");

        canvas.Comment("the four layers read [h_{t−1}, x_t]");
        canvas.Box(50, Bus, 70, 36, Role.Hidden, "h_{t−1}")
              .Box(180, 420, 64, 36, Role.Input, "x_t")
              .Line(Wire.Ink, (85, Bus), (O, Bus))
              .Line(Wire.Ink, (180, 402), (180, Bus))
              .Text(186, Bus + 16, "[h_{t−1}, x_t]", TextClass.SmallMath, Anchor.Start);
        foreach (var (x, squash) in new[] { (F, "σ"), (I, "σ"), (G, @"\r{tanh}"), (O, "σ") })
            canvas.Arrow(Wire.Ink, (x, Bus), (x, LayerRow + 17)).Box(x, LayerRow, 50, 34, Role.Layer, squash);

        canvas.Comment("the gates at work");
        canvas.Arrow(Wire.Ink, (F, LayerRow - 17), (F, CellRow + 11)).Text(F + 10, 190, "f_t", anchor: Anchor.Start)
              .Arrow(Wire.Ink, (I, LayerRow - 17), (I, MultiplyRow), (G - 11, MultiplyRow)).Text(I - 10, 215, "i_t", anchor: Anchor.End)
              .Arrow(Wire.Ink, (G, LayerRow - 17), (G, MultiplyRow + 11)).Text(G + 10, 225, "g_t", anchor: Anchor.Start)
              .Op(G, MultiplyRow, "⊙")
              .Arrow(Wire.Ink, (G, MultiplyRow - 11), (G, CellRow + 11))
              .Arrow(Wire.Ink, (O, LayerRow - 17), (O, OutRow), (Squash - 11, OutRow)).Text(O + 10, 240, "o_t", anchor: Anchor.Start);

        canvas.Comment("the output: h_t = o_t ⊙ tanh(c_t)");
        canvas.Arrow(Wire.Highway, (Squash, CellRow), (Squash, 118))
              .Box(Squash, 134, 50, 30, Role.Op, @"\r{tanh}")
              .Arrow(Wire.Ink, (Squash, 149), (Squash, OutRow - 11))
              .Op(Squash, OutRow, "⊙")
              .Line(Wire.Ink, (Squash + 11, OutRow), (Split, OutRow))
              .Arrow(Wire.Ink, (Split, OutRow), (775, OutRow))
              .Box(810, OutRow, 70, 36, Role.Hidden, "h_t")
              .Text(810, OutRow + 30, "to the output", TextClass.Small)
              .Arrow(Wire.Ink, (Split, OutRow), (Split, Bus), (775, Bus))
              .Box(810, Bus, 70, 36, Role.Hidden, "h_t")
              .Text(810, Bus + 30, "to step t + 1", TextClass.Small);

        canvas.Comment("the equations, gates in PyTorch's order i, f, g, o");
        canvas.Lines(60, Equations, 26, TextClass.Math,
                  "i_t = σ(W_i [h_{t−1}, x_t] + b_i)", "f_t = σ(W_f [h_{t−1}, x_t] + b_f)",
                  @"g_t = \r{tanh}(W_g [h_{t−1}, x_t] + b_g)", "o_t = σ(W_o [h_{t−1}, x_t] + b_o)")
              .Lines(330, Equations, 26, TextClass.Small, "input gate", "forget gate", "candidate (notebook 07's c̃)", "output gate")
              .Lines(540, Equations, 26, TextClass.Math, @"\h{c_t} = f_t ⊙ \h{c_{t−1}} + i_t ⊙ g_t", @"h_t = o_t ⊙ \r{tanh}(\h{c_t})")
              .Lines(540, Equations + 56, 26, TextClass.Small, "PyTorch stacks the blocks as i, f, g, o", @"in weight\_ih and weight\_hh (4d rows)");

        return new Figure("cell-lstm", title, canvas.ToSvg(title,
            "The cell state runs along the top: c_{t-1} is multiplied by the forget gate f_t, then i_t ⊙ g_t is added, " +
            "giving c_t. Below, four layers read the stacked [h_{t-1}, x_t]: f, i and o are sigmoids, the candidate g is a " +
            "tanh. The new state h_t = o_t ⊙ tanh(c_t) goes to the output and to the next step."));
    }
}

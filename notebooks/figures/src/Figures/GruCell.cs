using Lectures.Figures.Drawing;

namespace Lectures.Figures.Figures;

/// <summary>
/// The GRU cell in PyTorch's convention (notebook 08): reset gate r, update gate z, candidate n with r applied to the
/// recurrent product, and h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}, so z = 1 keeps the old state.
/// </summary>
public static class GruCell
{
    private const double StateRow = 80, GateWire = 105, Mix = 140, ResetRow = 200, LayerRow = 255, Bus = 330, InputLine = 440;
    private const double Z = 230, R = 330, N = 480, Squash = 575, Keep = 600, Complement = 650, Add = 700;

    /// <summary>Draws the figure.</summary>
    public static Figure Draw()
    {
        const string title = "The GRU cell in PyTorch's convention: reset gate r, update gate z, candidate n; the new state is (1 − z) ⊙ n + z ⊙ the old state";
        var canvas = new Canvas(860, 592);
        canvas.Rect(110, 40, 640, 325, "frame", 10).Text(122, 56, "GRU cell", TextClass.Small, Anchor.Start);

        canvas.Comment("the state: keep z of the old one, add 1 − z of the candidate");
        canvas.Box(50, StateRow, 70, 36, Role.Hidden, "h_{t−1}")
              .Track(Wire.Ink, StateRow, 85, 775, arrow: true, (Keep, "⊙"), (Add, "+"))
              .Box(810, StateRow, 70, 36, Role.Hidden, "h_t")
              .Text(810, StateRow + 30, "to the output", TextClass.Small)
              .Text(810, StateRow + 46, "and to t + 1", TextClass.Small);

        canvas.Comment("the gates r and z read [h_{t−1}, x_t]");
        canvas.Line(Wire.Ink, (130, StateRow), (130, Bus), (R, Bus))
              .Box(180, InputLine, 64, 36, Role.Input, "x_t")
              .Line(Wire.Ink, (180, InputLine - 18), (180, Bus))
              .Text(186, Bus + 16, "[h_{t−1}, x_t]", TextClass.SmallMath, Anchor.Start);
        foreach (var x in new[] { Z, R })
            canvas.Arrow(Wire.Ink, (x, Bus), (x, LayerRow + 17)).Box(x, LayerRow, 50, 34, Role.Layer, "σ");

        canvas.Comment("the candidate: n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))");
        canvas.Arrow(Wire.Ink, (N, StateRow), (N, 128))
              .Box(N, 145, 170, 34, Role.Plain, "W_{hn} h_{t−1} + b_{hn}")
              .Arrow(Wire.Ink, (N, 162), (N, ResetRow - 11))
              .Op(N, ResetRow, "⊙")
              .Arrow(Wire.Ink, (R, LayerRow - 17), (R, ResetRow), (N - 11, ResetRow)).Text(R + 10, 221, "r_t", anchor: Anchor.Start)
              .Arrow(Wire.Ink, (N, ResetRow + 11), (N, LayerRow - 11))
              .Op(N, LayerRow, "+")
              .Line(Wire.Ink, (212, InputLine), (N, InputLine))
              .Arrow(Wire.Ink, (N, InputLine), (N, 337))
              .Box(N, 320, 136, 34, Role.Plain, "W_{in} x_t + b_{in}")
              .Arrow(Wire.Ink, (N, 303), (N, LayerRow + 11))
              .Arrow(Wire.Ink, (N + 11, LayerRow), (Squash - 25, LayerRow))
              .Box(Squash, LayerRow, 50, 34, Role.Layer, @"\r{tanh}")
              .Arrow(Wire.Ink, (Squash + 25, LayerRow), (Add, LayerRow), (Add, Mix + 11)).Text(640, LayerRow - 14, "n_t");

        canvas.Comment("the update gate z_t: z_t ⊙ h_{t−1} and (1 − z_t) ⊙ n_t");
        canvas.Line(Wire.Ink, (Z, LayerRow - 17), (Z, GateWire), (Keep, GateWire)).Text(Z + 10, 180, "z_t", anchor: Anchor.Start)
              .Bridge(Wire.Ink, (N - 12, GateWire), (N + 12, GateWire))
              .Arrow(Wire.Ink, (Keep, GateWire), (Keep, StateRow + 11))
              .Line(Wire.Ink, (Keep, GateWire), (Keep, Mix), (Complement - 13, Mix))
              .Op(Complement, Mix, "1−", 13)
              .Arrow(Wire.Ink, (Complement + 13, Mix), (Add - 11, Mix))
              .Op(Add, Mix, "⊙")
              .Arrow(Wire.Ink, (Add, Mix - 11), (Add, StateRow + 11));

        canvas.Comment("the equations");
        canvas.Lines(60, 486, 26, TextClass.Math,
                  "r_t = σ(W_{ir} x_t + b_{ir} + W_{hr} h_{t−1} + b_{hr})", "z_t = σ(W_{iz} x_t + b_{iz} + W_{hz} h_{t−1} + b_{hz})",
                  @"n_t = \r{tanh}(W_{in} x_t + b_{in} + r_t ⊙ (W_{hn} h_{t−1} + b_{hn}))", "h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}")
              .Lines(520, 486, 26, TextClass.Small,
                  "reset gate", "update gate: z = 1 keeps the old state", "candidate", "PyTorch's z is lecture 001's 1 − z");

        return new Figure("cell-gru", title, canvas.ToSvg(title,
            "The state h_{t-1} runs along the top, is multiplied by the update gate z_t and added to (1 - z_t) ⊙ n_t, " +
            "giving h_t. The reset gate r_t and the update gate z_t are sigmoids of [h_{t-1}, x_t]. The candidate n_t is " +
            "tanh of W_in x_t + b_in plus r_t times the recurrent product W_hn h_{t-1} + b_hn."));
    }
}

using Lectures.Figures.Drawing;

namespace Lectures.Figures.Figures;

/// <summary>The five flavours of lecture 004: which steps read an input and which write an output.</summary>
public static class Flavours
{
    private const double OutputRow = 112, HiddenRow = 164, InputRow = 216, Box = 22, Spacing = 40, Top = 14, Bottom = 292;

    private sealed record Panel(string Title, string Subtitle, string[] Examples, double Width, int Steps, int[] Inputs, int[] Outputs);

    /// <summary>Draws the figure.</summary>
    public static Figure Draw()
    {
        const string title = "The five flavours of RNN: one to one, one to many, many to one, many to many synchronous and asynchronous";
        Panel[] panels =
        [
            new("one to one", "", ["image classification"], 120, 1, [0], [0]),
            new("one to many", "", ["image captioning"], 150, 3, [0], [0, 1, 2]),
            new("many to one", "", ["sentiment analysis,", "activity recognition"], 150, 3, [0, 1, 2], [2]),
            new("many to many", "synchronous", ["part-of-speech tagging"], 150, 3, [0, 1, 2], [0, 1, 2]),
            new("many to many", "asynchronous", ["machine translation"], 220, 5, [0, 1, 2], [3, 4]),
        ];
        var canvas = new Canvas(900, 340);
        var left = 16.0;
        foreach (var panel in panels)
        {
            canvas.Comment(panel.Title + " " + panel.Subtitle);
            canvas.Panel(left, Top, panel.Width, Bottom - Top, panel.Title);
            var middle = left + panel.Width / 2;
            canvas.Text(middle, Top + 40, panel.Subtitle, TextClass.Label);
            for (var e = 0; e < panel.Examples.Length; e++) canvas.Text(middle, 248 + 16 * e, panel.Examples[e], TextClass.Small);
            var first = middle - (panel.Steps - 1) * Spacing / 2;
            for (var t = 0; t < panel.Steps; t++)
            {
                var x = first + t * Spacing;
                canvas.Box(x, HiddenRow, Box, Box, Role.Hidden);
                if (t > 0) canvas.Arrow(Wire.Ink, (x - Spacing + Box / 2, HiddenRow), (x - Box / 2, HiddenRow));
                if (panel.Inputs.Contains(t))
                    canvas.Box(x, InputRow, Box, Box, Role.Input).Arrow(Wire.Ink, (x, InputRow - Box / 2), (x, HiddenRow + Box / 2));
                if (panel.Outputs.Contains(t))
                    canvas.Box(x, OutputRow, Box, Box, Role.Output).Arrow(Wire.Ink, (x, HiddenRow - Box / 2), (x, OutputRow + Box / 2));
            }
            left += panel.Width + 16;
        }

        canvas.Comment("legend");
        var (legendY, legendX) = (318.0, 220.0);
        foreach (var (role, label) in new[] { (Role.Input, "input x_t"), (Role.Hidden, "hidden state h_t"), (Role.Output, "output y_t") })
        {
            canvas.Box(legendX, legendY, 16, 16, role).Text(legendX + 14, legendY, label, TextClass.Label, Anchor.Start);
            legendX += 170;
        }
        return new Figure("rnn-flavours", title, canvas.ToSvg(title,
            "Five panels of small unrolled networks (inputs blue at the bottom, hidden states green, outputs amber on top). " +
            "One to one: one input, one output (image classification). One to many: one input, an output at every step " +
            "(image captioning). Many to one: an input at every step, one output at the end (sentiment analysis, activity " +
            "recognition). Many to many synchronous: an input and an output at every step (part-of-speech tagging). Many to " +
            "many asynchronous: three inputs, then two outputs (machine translation)."));
    }
}

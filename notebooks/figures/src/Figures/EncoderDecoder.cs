using Lectures.Figures.Drawing;

namespace Lectures.Figures.Figures;

/// <summary>
/// Notebook 12's encoder–decoder on "207" → "two hundred seven": at training time the decoder reads the true
/// previous words (teacher forcing), at test time the words it chose itself.
/// </summary>
public static class EncoderDecoder
{
    private const double PanelHeight = 262, Output = 62, State = 132, Input = 202, Spacing = 112, FirstDecoder = 420;
    private static readonly double[] Encoder = [80, 170, 260];
    private static readonly string[] Digits = ["2", "0", "7"];
    private static readonly string[] Targets = ["two", "hundred", "seven", "</s>"];

    /// <summary>Draws the figure.</summary>
    public static Figure Draw()
    {
        const string title = "An encoder–decoder at training time (teacher forcing: the decoder reads the true previous word) and at test time (it reads its own)";
        var canvas = new Canvas(880, (int)(2 * PanelHeight + 30));
        Panel(canvas, 10, teacherForcing: true);
        Panel(canvas, 20 + PanelHeight, teacherForcing: false);
        return new Figure("seq2seq-teacher-forcing", title, canvas.ToSvg(title,
            "Two panels. In both, an encoder GRU reads the digits 2, 0, 7 into states h_1, h_2, h_3, and its last state " +
            "h_n starts the decoder GRU, s_0 = h_n. Training: the decoder reads <s>, two, hundred, seven, the true " +
            "previous words, and is scored on predicting two, hundred, seven, </s>. Test: the decoder reads <s>, then " +
            "each word it chose at the step before, until it writes </s>."));
    }

    private static void Panel(Canvas canvas, double top, bool teacherForcing)
    {
        canvas.Comment(teacherForcing ? "training: teacher forcing" : "test: free running");
        canvas.Panel(10, top, 860, PanelHeight, teacherForcing ? "training: teacher forcing" : "test: free running", Anchor.Start)
              .Text(300, top + 20, teacherForcing
                  ? "inputs (blue): the true previous words y_{t−1}; all steps run in one pass"
                  : "inputs (amber): the words the decoder chose, ŷ_{t−1} (greedy, or each beam's), until </s>",
                  TextClass.Small, Anchor.Start);

        canvas.Comment("the encoder");
        for (var j = 0; j < Encoder.Length; j++)
        {
            var x = Encoder[j];
            canvas.Box(x, top + State, 54, 34, Role.Hidden, "h_" + (j + 1))
                  .Box(x, top + Input, 54, 34, Role.Input, Digits[j], TextClass.Label)
                  .Arrow(Wire.Ink, (x, top + Input - 17), (x, top + State + 17));
            if (j > 0) canvas.Arrow(Wire.Ink, (Encoder[j - 1] + 27, top + State), (x - 27, top + State));
        }
        canvas.Text(Encoder[1], top + Input + 36, "encoder GRU", TextClass.Small)
              .Arrow(Wire.Ink, (Encoder[^1] + 27, top + State), (FirstDecoder - 38, top + State))
              .Text((Encoder[^1] + FirstDecoder) / 2 - 5, top + State - 14, "s_0 = h_n", TextClass.SmallMath);

        canvas.Comment("the decoder");
        for (var t = 0; t < Targets.Length; t++)
        {
            var x = FirstDecoder + t * Spacing;
            var fedBack = !teacherForcing && t > 0;
            canvas.Box(x, top + Output, 86, 32, Role.Output, Targets[t], TextClass.Label)
                  .Box(x, top + State, 76, 34, Role.Hidden, "s_" + (t + 1))
                  .Box(x, top + Input, 76, 34, fedBack ? Role.Output : Role.Input, t == 0 ? "<s>" : Targets[t - 1], TextClass.Label)
                  .Arrow(Wire.Ink, (x, top + Input - 17), (x, top + State + 17))
                  .Arrow(Wire.Ink, (x, top + State - 17), (x, top + Output + 16));
            if (t > 0) canvas.Arrow(Wire.Ink, (x - Spacing + 38, top + State), (x - 38, top + State));
            if (fedBack)
                canvas.Curve(Wire.Ink, (x - Spacing + 43, top + Output + 4), (x - 30, top + Output + 30), (x - 78, top + Input - 40), (x - 38, top + Input - 6));
        }
        canvas.Text(FirstDecoder + 1.5 * Spacing, top + Input + 36, teacherForcing
            ? "decoder GRU; loss −log P(y_t | y_{<t}, x) at every step, P = softmax(V s_t + c)"
            : "decoder GRU; each chosen word is fed back as the next input", TextClass.Small);
    }
}

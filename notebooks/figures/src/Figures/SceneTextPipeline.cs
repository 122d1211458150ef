using System.Globalization;
using Lectures.Figures.Drawing;

namespace Lectures.Figures.Figures;

/// <summary>
/// Notebook 14's segmentation-free reader on a 16-column image of "cat": two convolutions, a max-pool over pairs of
/// columns (8 steps), a bidirectional RNN, a softmax per step, and CTC (training) or best-path decoding (test).
/// </summary>
public static class SceneTextPipeline
{
    private const double FirstStep = 396, Step = 58, Decoded = 44, Best = 104, Softmax = 166, Rnn = 232, Features = 308, Cnn = 384, Image = 466;
    private const double LabelRight = 340, Pixel = 12;

    /// <summary>The 3×5 glyphs of TextImages' font for c, a and t ('#' inked), one blank row above and below.</summary>
    private static readonly Dictionary<char, string[]> Glyphs = new()
    {
        ['c'] = [".##", "#..", "#..", "#..", ".##"],
        ['a'] = [".#.", "#.#", "###", "#.#", "#.#"],
        ['t'] = ["###", ".#.", ".#.", ".#.", ".#."],
    };

    /// <summary>The image's columns: a blank column, then each letter followed by a gap of 2 (16 columns in all).</summary>
    private static readonly string Layout = ".ccc..aaa..ttt..";

    /// <summary>The most likely class at each of the 8 steps, as a trained reader puts it ("-" is the blank).</summary>
    private const string BestPath = "cc-a-tt-";

    /// <summary>Draws the figure.</summary>
    public static Figure Draw()
    {
        const string title = "Scene text without segmentation: a CNN over the word image, a bidirectional RNN over its columns, a softmax per column, CTC";
        var canvas = new Canvas(850, 530);
        double X(int step) => FirstStep + step * Step;
        var middle = (X(0) + X(BestPath.Length - 1)) / 2;

        canvas.Comment("the word image, 7 × 16 pixels");
        var imageLeft = middle - Layout.Length * Pixel / 2;
        var imageTop = Image - 7 * Pixel / 2;
        canvas.Rect(imageLeft, imageTop, Layout.Length * Pixel, 7 * Pixel, "plain", 0);
        for (var column = 0; column <= Layout.Length; column++)
            canvas.Line(Wire.Faint, (imageLeft + column * Pixel, imageTop), (imageLeft + column * Pixel, imageTop + 7 * Pixel));
        var letterColumn = 0;
        for (var column = 0; column < Layout.Length; column++)
        {
            if (Layout[column] == '.') { letterColumn = 0; continue; }
            for (var row = 0; row < 5; row++)
                if (Glyphs[Layout[column]][row][letterColumn] == '#')
                    canvas.Rect(imageLeft + column * Pixel, imageTop + (row + 1) * Pixel, Pixel, Pixel, "pixel", 0);
            letterColumn++;
        }
        Label(canvas, Image, "word image", "7 × 16 pixels, 1–2 blank columns between letters");

        canvas.Comment("the CNN");
        canvas.Arrow(Wire.Ink, (middle, imageTop), (middle, Cnn + 20))
              .Box(middle, Cnn, X(BestPath.Length - 1) - X(0) + 50, 40, Role.Plain, "CNN", TextClass.Label);
        Label(canvas, Cnn, "two 3 × 3 convolutions", "16 channels, ReLU; max-pool over column pairs");

        canvas.Comment("one feature vector per pair of columns, the RNN, the softmax and the best class at each step");
        for (var k = 0; k < BestPath.Length; k++)
        {
            var x = X(k);
            var n = (k + 1).ToString(CultureInfo.InvariantCulture);
            canvas.Arrow(Wire.Ink, (x, Cnn - 20), (x, Features + 26))
                  .Box(x, Features, 16, 50, Role.Input)
                  .Arrow(Wire.Ink, (x, Features - 26), (x, Rnn + 15))
                  .Box(x, Rnn, 32, 30, Role.Hidden, "h_" + n)
                  .Arrow(Wire.Ink, (x, Rnn - 15), (x, Softmax + 15))
                  .Box(x, Softmax, 36, 30, Role.Output, "p_" + n)
                  .Arrow(Wire.Ink, (x, Softmax - 15), (x, Best + 14))
                  .Box(x, Best, 30, 28, Role.Plain, BestPath[k].ToString(), TextClass.Title);
            if (k == 0) continue;
            var (from, to) = (X(k - 1) + 16, x - 16);
            canvas.Arrow(Wire.Ink, (from, Rnn - 6), (to, Rnn - 6)).Arrow(Wire.Ink, (to, Rnn + 6), (from, Rnn + 6));
        }
        Label(canvas, Features, "8 steps of 112 features", "16 channels × 7 rows per pooled column");
        Label(canvas, Rnn, "bidirectional RNN", "32 + 32 units");
        canvas.Text(LabelRight, Rnn + 30, @"h_t = [h^{→}_t; h^{←}_t]", TextClass.SmallMath, Anchor.End);
        Label(canvas, Softmax, "softmax per step", "27 classes: blank and a–z; training: CTC loss");
        Label(canvas, Best, "most likely class", "best path, \"-\" is the blank");

        canvas.Comment("best-path decoding");
        canvas.Line(Wire.Ink, (X(0), Best - 24), (X(BestPath.Length - 1), Best - 24));
        for (var k = 0; k < BestPath.Length; k++) canvas.Line(Wire.Ink, (X(k), Best - 14), (X(k), Best - 24));
        canvas.Arrow(Wire.Ink, (middle, Best - 24), (middle, Decoded + 16))
              .Box(middle, Decoded, 80, 32, Role.Output, "cat", TextClass.Title);
        Label(canvas, Decoded, "read: \"cat\"", "merge repeats, then drop blanks");

        return new Figure("scene-text-ctc", title, canvas.ToSvg(title,
            "From bottom to top: a 7 × 16 pixel image of the word cat; a CNN of two 3 × 3 convolutions with 16 channels and " +
            "a max-pool over pairs of columns, leaving 8 steps of 112 features; a bidirectional RNN over the 8 steps; a " +
            $"softmax over 27 classes (blank and a to z) at each step; the most likely class per step, {BestPath}; merging " +
            "repeats and dropping blanks reads cat. Training uses the CTC loss on the softmax outputs."));
    }

    private static void Label(Canvas canvas, double y, string label, string note) =>
        canvas.Text(LabelRight, y - 8, label, TextClass.Label, Anchor.End).Text(LabelRight, y + 10, note, TextClass.Small, Anchor.End);
}

using System.Globalization;
using Lectures.Figures.Drawing;

namespace Lectures.Figures.Figures;

/// <summary>
/// Notebook 13's network whose only loop runs from the output at t − 1 to the hidden units at t: fed the true
/// z_{t−1} at training time (teacher forcing), its own ŷ_{t−1} at test time.
/// </summary>
public static class OutputRecurrence
{
    private const double Output = 84, Hidden = 170, Input = 256, Spacing = 130;

    /// <summary>Draws the figure.</summary>
    public static Figure Draw()
    {
        const string title = "Output recurrence: at training time the hidden state reads the true previous output, at test time the model's own prediction";
        var canvas = new Canvas(880, 370);
        Panel(canvas, 10, teacherForcing: true);
        Panel(canvas, 450, teacherForcing: false);
        return new Figure("output-recurrence", title, canvas.ToSvg(title,
            "Two panels of three steps, with no arrow from one hidden state to the next. Training (teacher forcing): each " +
            "h_t reads x_t through U and the true previous output z_{t-1} through W, so all steps can be computed at once. " +
            "Test (free running): h_t reads x_t and the model's own previous output ŷ_{t-1}, so step t waits for step t-1; " +
            "step 1 reads z_0 = 0 in both."));
    }

    private static void Panel(Canvas canvas, double left, bool teacherForcing)
    {
        canvas.Comment(teacherForcing ? "training: teacher forcing" : "test: free running");
        canvas.Panel(left, 10, 420, 350, teacherForcing ? "training: teacher forcing" : "test: free running");
        for (var t = 1; t <= 3; t++)
        {
            var x = left + 80 + (t - 1) * Spacing;
            var n = t.ToString(CultureInfo.InvariantCulture);
            var previous = (t - 1).ToString(CultureInfo.InvariantCulture);
            canvas.Box(x, Output, 60, 36, Role.Output, (teacherForcing ? "y_" : "ŷ_") + n)
                  .Box(x, Hidden, 60, 36, Role.Hidden, "h_" + n)
                  .Box(x + 28, Input, 50, 34, Role.Input, "x_" + n)
                  .Arrow(Wire.Weight, (x + 28, Input - 17), (x + 10, Hidden + 18))
                  .Text(x + 32, (Input + Hidden) / 2, @"\w{U}", anchor: Anchor.Start)
                  .Arrow(Wire.Weight, (x, Hidden - 18), (x, Output + 18))
                  .Text(x - 9, (Hidden + Output) / 2, @"\w{V}", anchor: Anchor.End);
            var fedBack = t == 1 ? "z_0" : (teacherForcing ? "z_" : "ŷ_") + previous;
            var role = teacherForcing || t == 1 ? Role.Input : Role.Output;
            canvas.Box(x - 28, Input, 50, 34, role, fedBack)
                  .Arrow(Wire.Weight, (x - 28, Input - 17), (x - 10, Hidden + 18))
                  .Text(x - 32, (Input + Hidden) / 2, @"\w{W}", anchor: Anchor.End);
            if (!teacherForcing && t > 1)
                canvas.Curve(Wire.Ink, (x - Spacing + 30, Output + 6), (x - 72, Output + 50), (x - 68, Input - 40), (x - 53, Input - 6));
        }
        canvas.Text(left + 210, 306, teacherForcing ? @"h_t = \r{tanh}(\w{U} x_t + \w{W} z_{t−1} + b)" : @"h_t = \r{tanh}(\w{U} x_t + \w{W} ŷ_{t−1} + b)")
              .Text(left + 210, 336, teacherForcing
                  ? "z_{t−1} is known data: every step at once, in one pass"
                  : "ŷ_{t−1} comes from the step before: one step after another", TextClass.Small);
    }
}

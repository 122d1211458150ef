using System.Diagnostics;
using System.Globalization;
using System.Net;
using Lectures.Hosting;
using Microsoft.AspNetCore.Html;

namespace Lectures.Training;

/// <summary>
/// Shows training progress: through the display registered with <see cref="Kit.UseDisplay"/>, an HTML progress
/// bar shown once and updated in place through the returned handle's <c>Update(object)</c>; otherwise one console
/// line rewritten with a carriage return. Updates are throttled so drawing never slows training down.
/// <see cref="Trainer"/> shows one for every run; a hand-written training loop can create its own.
/// </summary>
/// <example>
/// <code>
/// var progress = new Progress("min-char-rnn", totalSteps: 500);
/// for (var n = 1; n &lt;= 500; n++)
/// {
///     var loss = TrainOneStep();
///     progress.Report(n, $"loss {loss:F2}");
/// }
/// progress.Finish(500, "done");
/// </code>
/// </example>
public sealed class Progress
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly string label;
    private readonly int totalSteps;
    private readonly bool enabled;
    private readonly Func<object, object?>? display;
    private readonly Stopwatch sinceUpdate = Stopwatch.StartNew();
    private object? handle;
    private bool shown;
    private int consoleWidth;

    /// <summary>A progress display for <paramref name="totalSteps"/> steps; nothing is shown before the first report.</summary>
    /// <param name="label">The run's name, shown before the bar.</param>
    /// <param name="totalSteps">The step count that fills the bar.</param>
    /// <param name="enabled">False shows nothing (a quiet run).</param>
    public Progress(string label, int totalSteps, bool enabled = true)
    {
        this.label = label;
        this.totalSteps = Math.Max(totalSteps, 1);
        this.enabled = enabled;
        display = Kit.Display;
    }

    /// <summary>Shows step <paramref name="step"/> with a status line, at most every 250 ms unless forced.</summary>
    /// <param name="step">Steps done so far.</param>
    /// <param name="status">Text after the bar, e.g. the current loss.</param>
    /// <param name="force">Show now, however recently the display was updated.</param>
    public void Report(int step, string status, bool force = false) => Show(step, status, force, final: false);

    /// <summary>Shows the final state; the bar that stays in the notebook.</summary>
    /// <param name="step">Steps done.</param>
    /// <param name="status">The closing status, e.g. "done" and the last loss.</param>
    public void Finish(int step, string status)
    {
        Show(step, status, force: true, final: true);
        if (enabled && display is null) Console.WriteLine();
    }

    /// <summary>
    /// Displays once, then updates through the handle; a display that returns no handle gets only the final
    /// state shown a second time, never a stream of copies. Where the host drops updates
    /// (<see cref="NotebookHost.DropsDisplayUpdates"/>) only the final state is shown, so the bar that stays in the
    /// notebook is the finished one rather than 0 %.
    /// </summary>
    private void Show(int step, string status, bool force, bool final)
    {
        if (!enabled || (!force && sinceUpdate.Elapsed < Interval)) return;
        if (display is not null && NotebookHost.DropsDisplayUpdates && !final) return;
        sinceUpdate.Restart();
        if (display is null)
        {
            var line = $"{label} [{Bar(step, 20)}] {Percent(step)} {status}";
            consoleWidth = Math.Max(consoleWidth, line.Length);
            Console.Write("\r" + line.PadRight(consoleWidth));
            return;
        }
        var html = new HtmlString(Html(step, status));
        if (!shown)
        {
            handle = display(html);
            shown = true;
        }
        else if (handle is not null) Update(handle, html);
        else if (final) display(html);
    }

    internal static string Describe(EpochMetrics m)
    {
        var parts = new List<string> { $"loss {Format(m.TrainLoss)}" };
        if (m.TrainAccuracy is double a) parts.Add($"acc {a:P1}");
        if (m.ValidationLoss is double v) parts.Add($"val loss {Format(v)}");
        if (m.ValidationAccuracy is double va) parts.Add($"val acc {va:P1}");
        parts.Add($"‖g‖ {Format(m.MeanGradientNorm)}");
        parts.Add($"{m.Elapsed.TotalSeconds:F1} s");
        return string.Join(", ", parts);
    }

    internal static string Format(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    private string Html(int step, string status) =>
        $"<div style=\"font-family:monospace\"><b>{WebUtility.HtmlEncode(label)}</b> " +
        $"<progress value=\"{step}\" max=\"{totalSteps}\" style=\"width:16em;vertical-align:middle\"></progress> " +
        $"{Percent(step)} {WebUtility.HtmlEncode(status)}</div>";

    private string Bar(int step, int width)
    {
        var filled = (int)Math.Round(width * Math.Min(step, totalSteps) / (double)totalSteps);
        return new string('#', filled) + new string('.', width - filled);
    }

    private string Percent(int step) => $"{100.0 * Math.Min(step, totalSteps) / totalSteps,3:F0}%";

    /// <summary>Calls <c>Update(object)</c> on the handle <c>display</c> returned, whatever its type.</summary>
    private static void Update(object displayHandle, object value) =>
        displayHandle.GetType().GetMethod("Update", [typeof(object)])?.Invoke(displayHandle, [value]);
}

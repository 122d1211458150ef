using System.Globalization;
using System.Security;
using System.Text;

namespace Lectures.Figures.Drawing;

/// <summary>
/// A small label language turned into SVG text: <c>h_{t−1}</c> and <c>x_t</c> are subscripts, <c>h^{(2)}</c> a
/// superscript (a subscript right after a superscript goes under it), <c>\r{tanh}</c> is upright, <c>\w{W}</c>
/// a shared weight (bold violet), <c>\h{c}</c> the highway colour. Sub- and superscripts are tspans moved with
/// <c>dy</c>, which every SVG renderer supports, and the text stays text: searchable and editable.
/// </summary>
public static class Markup
{
    private const double SubShift = 0.3, SupShift = -0.45, ScriptScale = 0.72, ArrowScale = 0.8;

    /// <summary>The tspans of <paramref name="markup"/> at <paramref name="fontSize"/>, and its estimated width.</summary>
    /// <param name="markup">The label, e.g. <c>h_{t−1}</c>.</param>
    /// <param name="fontSize">The font size of the enclosing text element, in pixels.</param>
    /// <returns>The inner XML of the text element and its width in pixels (an estimate from average glyph widths).</returns>
    public static (string Xml, double Width) Render(string markup, double fontSize)
    {
        var runs = new List<Run>();
        Parse(markup, 0, markup.Length, Level.Base, Tone.Normal, runs);
        var xml = new StringBuilder();
        var (shift, width, previousLevel, previousWidth, pendingDx) = (0.0, 0.0, Level.Base, 0.0, 0.0);
        foreach (var run in runs)
        {
            var target = run.Level switch { Level.Sub => SubShift, Level.Sup => SupShift, _ => 0 } * fontSize;
            // An arrow as a script (h^{→}) is drawn larger and upright, or it reads as a dash.
            var arrow = run.Level != Level.Base && run.Text.All(c => c is >= '\u2190' and <= '\u21FF');
            var scale = run.Level == Level.Base ? 1 : arrow ? ArrowScale : ScriptScale;
            var runWidth = Estimate(run.Text, run.Upright || arrow) * fontSize * scale;
            // A subscript right after a superscript (or the reverse) stacks under it instead of following it.
            var stacked = run.Level != Level.Base && previousLevel != Level.Base && run.Level != previousLevel;
            var classes = new List<string>();
            if (arrow) classes.Add("ar");
            else if (run.Level != Level.Base) classes.Add("s");
            if (run.Upright) classes.Add("r");
            if (run.Tone == Tone.Weight) classes.Add("w");
            if (run.Tone == Tone.Highway) classes.Add("hw");
            var dx = stacked ? -previousWidth : pendingDx;
            var attributes = new StringBuilder();
            if (classes.Count > 0) attributes.Append($" class=\"{string.Join(' ', classes)}\"");
            if (Math.Abs(dx) > 1e-9) attributes.Append($" dx=\"{Number(dx)}\"");
            if (Math.Abs(target - shift) > 1e-9) attributes.Append($" dy=\"{Number(target - shift)}\"");
            var text = SecurityElement.Escape(run.Text);
            xml.Append(attributes.Length == 0 ? text : $"<tspan{attributes}>{text}</tspan>");
            // After a stacked pair the text goes on after the wider of the two.
            pendingDx = stacked ? Math.Max(0, previousWidth - runWidth) : 0;
            width += stacked ? Math.Max(0, runWidth - previousWidth) : runWidth + dx;
            (shift, previousLevel, previousWidth) = (target, stacked ? Level.Base : run.Level, runWidth);
        }
        return (xml.ToString(), width);
    }

    /// <summary>A number as SVG writes it: invariant, at most two decimals, no trailing zeros.</summary>
    public static string Number(double value) =>
        (Math.Abs(value) < 0.005 ? 0 : value).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Width of <paramref name="text"/> in ems: average glyph widths of DejaVu, close enough to size boxes.</summary>
    public static double Estimate(string text, bool upright = true) =>
        text.EnumerateRunes().Sum(r => r.Value switch
        {
            ' ' or '.' or ',' or ':' or ';' or '\'' or '|' or '(' or ')' or '[' or ']' or '{' or '}' => 0.33,
            'i' or 'j' or 'l' or 'f' or 't' or 'r' or 'I' or '1' => 0.36,
            'm' or 'w' or 'M' or 'W' => 0.86,
            >= 'A' and <= 'Z' => 0.7,
            >= '0' and <= '9' => 0.6,
            >= 0x2190 and <= 0x22FF => 0.84,       // arrows and mathematical operators
            _ => upright ? 0.58 : 0.52,
        });

    private static void Parse(string s, int start, int end, Level level, Tone tone, List<Run> runs, bool upright = false)
    {
        var text = new StringBuilder();
        void Flush()
        {
            if (text.Length > 0) runs.Add(new Run(text.ToString(), level, tone, upright));
            text.Clear();
        }
        for (var i = start; i < end; i++)
        {
            var ch = s[i];
            if (ch == '\\' && i + 1 < end && s[i + 1] is '_' or '^')
            {
                text.Append(s[++i]);
            }
            else if (ch is '_' or '^' && i + 1 < end)
            {
                Flush();
                var (from, to, next) = Argument(s, i + 1, end);
                Parse(s, from, to, ch == '_' ? Level.Sub : Level.Sup, tone, runs, upright);
                i = next - 1;
            }
            else if (ch == '\\' && i + 2 < end && s[i + 2] == '{' && s[i + 1] is 'r' or 'w' or 'h')
            {
                Flush();
                var (from, to, next) = Argument(s, i + 2, end);
                var kind = s[i + 1];
                Parse(s, from, to, level, kind == 'w' ? Tone.Weight : kind == 'h' ? Tone.Highway : tone, runs, upright || kind == 'r');
                i = next - 1;
            }
            else text.Append(ch);
        }
        Flush();
    }

    /// <summary>The argument at <paramref name="i"/>: a braced group or one character (a surrogate pair counts as one).</summary>
    private static (int From, int To, int Next) Argument(string s, int i, int end)
    {
        if (s[i] != '{') return (i, i + (char.IsHighSurrogate(s[i]) ? 2 : 1), i + (char.IsHighSurrogate(s[i]) ? 2 : 1));
        var depth = 0;
        for (var j = i; j < end; j++)
        {
            if (s[j] == '{') depth++;
            else if (s[j] == '}' && --depth == 0) return (i + 1, j, j + 1);
        }
        throw new FormatException($"unbalanced braces in the label \"{s}\"");
    }

    private enum Level { Base, Sub, Sup }

    private enum Tone { Normal, Weight, Highway }

    private sealed record Run(string Text, Level Level, Tone Tone, bool Upright);
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Lectures.Tests.Course;

/// <summary>
/// The numbers a notebook's prose states, and whether its outputs show them ("a number in prose is a number in an
/// output", notebooks/README.md).
///
/// <para><b>What counts as a number.</b> A run of ASCII digits with optional thousands groups, decimals and exponent
/// (<c>10,000</c>, <c>0.5708</c>, <c>4.4e-6</c>), LaTeX's <c>4.4 \times 10^{-6}</c> and <c>10^{-10}</c> (read as 1e-10), a fraction of two numbers
/// (<c>1/4</c>, <c>28/30</c>, one number) and a percentage (<c>90%</c>). A digit glued to a letter is part of a name
/// (<c>k2</c>, <c>float32</c>, <c>10th</c>) and is not a number. Number words ("a third", "ten") are not caught.</para>
///
/// <para><b>Where.</b> Every markdown cell except the one that starts with "## Exercises": exercises ask for numbers the
/// student will compute, they state none. Left out before reading:</para>
/// <list type="bullet">
/// <item>code, fenced or inline in backticks: it quotes a code cell, whose literals are settings, not results;</item>
/// <item>references, which name things instead of measuring them: the numbers after notebook, lecture, assignment,
/// exercise, cell, section, chapter, part or layer ("notebooks 05 and 06", "lecture 004", "layer 2"), a year after
/// a name or "et al." ("Pascanu et al. (2013)", "Gal and Ghahramani 2016"), a list item's number at the start of
/// a line, and link targets;</item>
/// <item>the structure of formulas, inside <c>$…$</c> and <c>$$…$$</c>: sub- and superscripts (<c>h_{t-1}</c>,
/// <c>x_1</c>, <c>W^{20}</c>), <c>\frac</c> coefficients (<c>\tfrac12</c>) and the bare integers 0, 1 and 2
/// (<c>1 - h^2</c>, <c>(1 - z_t)</c>, <c>2 \times 2</c>). Every other number in a formula is checked, e.g. the 3 of
/// <c>3^{t-k}</c>, <c>\gamma = 1/4</c> and <c>28/30 \approx 0.93</c>. Unicode sub- and superscript digits
/// (W²⁰, ‖W‖₂) are structure too: they are not ASCII digits.</item>
/// </list>
///
/// <para><b>Shown.</b> A prose number is shown when some number the notebook printed (stream, error and text/plain
/// outputs), rounded to the precision the prose writes, equals it; signs are ignored, because prose writes minus
/// signs and dashes alike. "0.97" is shown by a printed 0.9712, "6.1e3" by 6.128e+03, "500" only by a printed
/// number that rounds to 500, so neither 556 nor 304 shows "about 500". A fraction is shown by a printed fraction of
/// the same value or by its value printed to at least two significant digits (28/30 by 0.933); a percentage p% by a
/// printed p or p/100.</para>
///
/// <para><b>Allowed.</b> <see cref="Allowed"/> lists, per notebook, the few constants taken from the lectures that
/// the prose quotes as the lecture wrote them, each with its source.</para>
/// </summary>
internal static partial class ProseNumbers
{
    /// <summary>A number in a notebook's prose: its text, its absolute value and the precision it is written to.</summary>
    public sealed record Number(string Text, double Value, int Decimals, int Significant, bool Scientific, bool Fraction, bool Percent);

    /// <summary>A number the notebook printed, with the decimals it was printed to.</summary>
    public sealed record Printed(double Value, int Decimals, int Significant);

    /// <summary>Constants quoted from the lectures, per notebook: the number as the prose writes it, and where it comes from.</summary>
    public static readonly IReadOnlyDictionary<string, (string Number, string Source)[]> Allowed = new Dictionary<string, (string, string)[]>
    {
        ["02-dynamical-systems.ipynb"] =
        [
            ("0.5708", "lecture 002: the notes' value of the fixed point of h_t = σ(0.5 h_{t−1}), h_100 = .5708"),
            ("1/4", "lecture 004: γ = 1/4, the largest slope of the logistic σ"),
        ],
        ["04-signal-loss.ipynb"] = [("3", "lecture 000: W_r = np.random.normal(0, 3, (2, 2))")],
        ["06-vanishing-exploding.ipynb"] = [("1/4", "lecture 004: γ = 1/4 if σ is logistic")],
        ["07-lstm.ipynb"] = [("7", "lecture 000: the gate example [7, 5, 10, 9] ⊙ [0.5, 0, 0.2, 1]")],
    };

    /// <summary>The numbers stated in one markdown cell's text, in order.</summary>
    public static IReadOnlyList<Number> InProse(string markdown)
    {
        var text = FencedCode().Replace(markdown, " ");
        text = InlineCode().Replace(text, " ");
        text = Image().Replace(text, " ");   // an image's alt text is the figure's title, checked by FigureTests
        text = LinkTarget().Replace(text, "]");
        text = DisplayMath().Replace(text, m => Structureless(m.Value));
        text = InlineMath().Replace(text, m => Structureless(m.Value));
        text = CitationYear().Replace(text, m => m.Groups["name"].Value);
        text = Reference().Replace(text, m => m.Groups["word"].Value);
        text = ListNumber().Replace(text, " ");
        return ProseNumber().Matches(text).Select(Parse).ToList();
    }

    /// <summary>Every number in a notebook's printed text.</summary>
    public static IReadOnlyList<Printed> InOutput(string output)
    {
        var printed = new List<Printed>();
        foreach (Match m in PrintedNumber().Matches(output))
        {
            printed.Add(ParsePrinted(m.Value));
            if (m.Value.Contains(','))                         // "1,2" may be a list as well as a thousands group
                printed.AddRange(m.Value.Split(',').Select(ParsePrinted));
        }
        foreach (Match m in PrintedFraction().Matches(output))
            printed.Add(new Printed(Value(m.Groups["a"].Value) / Value(m.Groups["b"].Value), 15, 15));
        return printed;
    }

    /// <summary>
    /// The prose numbers of a notebook's markdown cells that none of its printed numbers shows, each as "cell i: "n" in
    /// …context…"; cells <paramref name="exempt"/> says are left out, and so are the <paramref name="allowed"/> constants.
    /// </summary>
    public static IReadOnlyList<string> Unprinted(IReadOnlyList<Lectures.Notebooks.Nbformat.NotebookCell> cells, string output,
        IReadOnlySet<string> allowed, Func<string, bool> exempt)
    {
        var printed = InOutput(output);
        var offending = new List<string>();
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i].CellType != "markdown" || exempt(cells[i].Source)) continue;
            foreach (var number in InProse(cells[i].Source))
                if (!allowed.Contains(number.Text) && !Shown(number, printed))
                    offending.Add($"cell {i}: \"{number.Text}\" in …{Context(cells[i].Source, number.Text)}…");
        }
        return offending;
    }

    private static string Context(string source, string number)
    {
        var at = source.IndexOf(number, StringComparison.Ordinal);
        if (at < 0) return number;
        var start = Math.Max(0, at - 40);
        return source[start..Math.Min(source.Length, at + number.Length + 20)].Replace('\n', ' ');
    }

    /// <summary>Whether one of the printed numbers shows the prose number.</summary>
    public static bool Shown(Number number, IReadOnlyList<Printed> printed)
    {
        if (number.Percent)
            return printed.Any(p => RoundsTo(p.Value, number.Decimals, number.Value) || RoundsTo(p.Value, number.Decimals + 2, number.Value / 100));
        if (number.Fraction)
            return printed.Any(p => Same(p.Value, number.Value)
                                    || (p.Significant >= 2 && Math.Abs(p.Value - number.Value) <= 0.5 * Math.Pow(10, -p.Decimals)));
        if (number.Scientific)
            return printed.Any(p => p.Value != 0 && Same(double.Parse(p.Value.ToString("E" + (number.Significant - 1), CultureInfo.InvariantCulture),
                CultureInfo.InvariantCulture), number.Value));
        return printed.Any(p => RoundsTo(p.Value, number.Decimals, number.Value));
    }

    private static bool RoundsTo(double printed, int decimals, double value) =>
        Same(Math.Round(printed, Math.Min(decimals, 15), MidpointRounding.AwayFromZero), value);

    private static bool Same(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(b));

    /// <summary>A formula with its structural numbers blanked out and 4.4 × 10^{−6} written as 4.4e-6.</summary>
    private static string Structureless(string math)
    {
        var s = TimesTen().Replace(math, m => $" {m.Groups["m"].Value}e{m.Groups["e"].Value.Replace('−', '-')} ");
        s = PowerOfTen().Replace(s, m => $" 1e{m.Groups["e"].Value.Replace('−', '-')} ");
        s = Fraction().Replace(s, " ");
        string previous;
        do
        {
            previous = s;
            s = BracedScript().Replace(s, " ");
        } while (s != previous);
        s = SingleScript().Replace(s, " ");
        return SmallInteger().Replace(s, " ");
    }

    private static Number Parse(Match m)
    {
        var a = m.Groups["a"].Value;
        var percent = m.Groups["pct"].Success;
        if (m.Groups["b"].Success)
            return new Number(m.Value.Trim(), Value(a) / Value(m.Groups["b"].Value), 15, 15, false, true, false);
        var scientific = a.Contains('e') || a.Contains('E');
        var mantissa = a.Split('e', 'E')[0].Replace(",", "");
        var decimals = mantissa.Contains('.') ? mantissa.Length - mantissa.IndexOf('.') - 1 : 0;
        var significant = mantissa.Replace(".", "").TrimStart('0').Length;
        return new Number(m.Value.Trim(), Value(a), decimals, Math.Max(significant, 1), scientific, false, percent);
    }

    private static Printed ParsePrinted(string token)
    {
        var mantissa = token.Split('e', 'E')[0].Replace(",", "");
        var decimals = mantissa.Contains('.') ? mantissa.Length - mantissa.IndexOf('.') - 1 : 0;
        var exponent = token.Contains('e') || token.Contains('E') ? int.Parse(token.Split('e', 'E')[1].Replace('−', '-'), CultureInfo.InvariantCulture) : 0;
        return new Printed(Value(token), Math.Max(decimals - exponent, 0), mantissa.Replace(".", "").TrimStart('0').Length);
    }

    private static double Value(string token) =>
        Math.Abs(double.Parse(token.Replace(",", "").Replace('−', '-'), NumberStyles.Float, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"```[\s\S]*?```")]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\]\([^)]*\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"\$\$[\s\S]*?\$\$")]
    private static partial Regex DisplayMath();

    [GeneratedRegex(@"\$[^$]*\$")]
    private static partial Regex InlineMath();

    [GeneratedRegex(@"(?<m>\d+(?:\.\d+)?)\s*(?:\\times|\\cdot|×|·)\s*10\^\{?(?<e>[-−+]?\d+)\}?")]
    private static partial Regex TimesTen();

    [GeneratedRegex(@"(?<![\w.])10\^\{?(?<e>[-−+]?\d+)\}?")]
    private static partial Regex PowerOfTen();

    [GeneratedRegex(@"\\[dt]?frac\s*(?:\{[^{}]*\}|\d)\s*(?:\{[^{}]*\}|\d)")]
    private static partial Regex Fraction();

    [GeneratedRegex(@"[_^]\{[^{}]*\}")]
    private static partial Regex BracedScript();

    [GeneratedRegex(@"[_^](?:\\[A-Za-z]+|.)")]
    private static partial Regex SingleScript();

    [GeneratedRegex(@"(?<![\w.])[012](?![\w]|[.,]\d|\s*/\s*\d)")]
    private static partial Regex SmallInteger();

    [GeneratedRegex(@"(?<name>\b[A-Z][\p{L}-]*|\bal\.)(?<year>\s*,?\s*\(?(?:19|20)\d{2}\b\)?)")]
    private static partial Regex CitationYear();

    [GeneratedRegex(@"(?<word>\b(?:[Nn]otebooks?|[Ll]ectures?|[Aa]ssignments?|[Ee]xercises?|[Cc]ells?|[Ss]ections?|[Cc]hapters?|[Pp]arts?|[Ll]ayers?))\s+\d+(?:\s*(?:,|and|or|to|–)\s*\d+)*")]
    private static partial Regex Reference();

    [GeneratedRegex(@"(?m)^\s*\d+\.\s")]
    private static partial Regex ListNumber();

    [GeneratedRegex(@"(?<![\w.,])(?<a>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][-+−]?\d+)?)(?:\s*/\s*(?<b>\d+(?:\.\d+)?))?(?<pct>\s?%)?(?!\w)")]
    private static partial Regex ProseNumber();

    [GeneratedRegex(@"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][-+−]?\d+)?")]
    private static partial Regex PrintedNumber();

    [GeneratedRegex(@"(?<a>\d+(?:\.\d+)?)\s*/\s*(?<b>\d+(?:\.\d+)?)")]
    private static partial Regex PrintedFraction();
}

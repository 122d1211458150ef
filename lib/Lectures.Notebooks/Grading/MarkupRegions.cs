using System.Text.RegularExpressions;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// nbgrader's source delimiters adapted to C#: a solution region between <c>// BEGIN SOLUTION</c> and
/// <c>// END SOLUTION</c> becomes the code stub (nbgrader's ClearSolutions), a hidden-test region between
/// <c>// BEGIN HIDDEN TESTS</c> and <c>// END HIDDEN TESTS</c> is removed (ClearHiddenTests). nbgrader's own
/// <c>### BEGIN SOLUTION</c> spelling is accepted too. Regions may not nest and must be closed.
/// </summary>
public static partial class MarkupRegions
{
    /// <summary>What a solution region in a code cell becomes, indented like its BEGIN line.</summary>
    public const string CodeStub = "// YOUR CODE HERE\nthrow new NotImplementedException();";

    /// <summary>What a solution region in a Markdown cell becomes.</summary>
    public const string TextStub = "YOUR ANSWER HERE";

    /// <summary>Replaces every solution region with the stub; <paramref name="replaced"/> says whether there was one.</summary>
    /// <param name="source">The cell's text.</param>
    /// <param name="code">Whether it is a code cell (code stub) or Markdown (text stub).</param>
    /// <param name="replaced">Whether a region was found.</param>
    public static string ClearSolutions(string source, bool code, out bool replaced) =>
        Replace(source, "SOLUTION", (code ? CodeStub : TextStub).Split('\n'), out replaced);

    /// <summary>Removes every hidden-test region; <paramref name="removed"/> says whether there was one.</summary>
    /// <param name="source">The cell's text.</param>
    /// <param name="removed">Whether a region was found.</param>
    public static string ClearHiddenTests(string source, out bool removed) =>
        Replace(source, "HIDDEN TESTS", [], out removed);

    /// <summary>Replaces the hidden-test regions with one comment line, for feedback that does not give the tests away.</summary>
    public static string MaskHiddenTests(string source) =>
        Replace(source, "HIDDEN TESTS", ["// (hidden tests)"], out _);

    /// <summary>The lines inside the solution regions (or the hidden-test regions) as (1-based line number, text).</summary>
    /// <param name="source">The cell's text (already checked: regions are balanced).</param>
    /// <param name="hiddenTests">Hidden-test regions when true, solution regions when false.</param>
    /// <param name="delimiters">Whether the BEGIN and END lines count too.</param>
    public static IEnumerable<(int Line, string Text)> Inside(string source, bool hiddenTests, bool delimiters = false)
    {
        var region = hiddenTests ? "HIDDEN TESTS" : "SOLUTION";
        var inside = false;
        var lines = source.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Delimiter().Match(lines[i]);
            var delimiter = match.Success && match.Groups["region"].Value == region;
            if (delimiter) inside = match.Groups["kind"].Value == "BEGIN";
            if (inside && !delimiter || delimiter && delimiters) yield return (i + 1, lines[i]);
        }
    }

    private static string Replace(string source, string region, string[] stub, out bool found)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var kept = new List<string>();
        var inside = false;
        found = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Delimiter().Match(lines[i]);
            var kind = match.Success && match.Groups["region"].Value == region ? match.Groups["kind"].Value : null;
            if (kind == "BEGIN")
            {
                if (inside) throw new InvalidDataException($"line {i + 1}: BEGIN {region} inside another {region} region; regions do not nest");
                (inside, found) = (true, true);
                var indent = lines[i][..^lines[i].TrimStart().Length];
                kept.AddRange(stub.Select(s => indent + s));
            }
            else if (kind == "END")
            {
                if (!inside) throw new InvalidDataException($"line {i + 1}: END {region} without a BEGIN {region} before it");
                inside = false;
            }
            else if (!inside) kept.Add(lines[i]);
        }
        if (inside) throw new InvalidDataException($"BEGIN {region} without an END {region}");
        return string.Join('\n', kept);
    }

    [GeneratedRegex(@"^\s*(//+|#+)\s*(?<kind>BEGIN|END) (?<region>SOLUTION|HIDDEN TESTS)\s*$")]
    private static partial Regex Delimiter();
}

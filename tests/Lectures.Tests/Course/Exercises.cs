using System.Text.RegularExpressions;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Tests.Course;

/// <summary>
/// The exercises a lecture notebook ends with: its "## Exercises" cell is a numbered list, each item the exercise's
/// text and one line starting "*Hint:*".
/// </summary>
internal static partial class Exercises
{
    /// <summary>One exercise: its number, its text (whitespace collapsed) and its hints.</summary>
    public sealed record Exercise(int Number, string Text, IReadOnlyList<string> Hints);

    /// <summary>The heading that starts a lecture notebook's exercises cell.</summary>
    public const string Heading = "## Exercises";

    /// <summary>The exercises of a lecture notebook, in order.</summary>
    public static IReadOnlyList<Exercise> Of(Notebook lecture)
    {
        var cell = lecture.Cells.Single(c => c.CellType == "markdown" && c.Source.StartsWith(Heading, StringComparison.Ordinal));
        return Item().Matches(cell.Source[Heading.Length..]).Select(m =>
        {
            var parts = m.Groups["body"].Value.Split("*Hint:*");
            return new Exercise(int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture),
                Collapse(parts[0]), parts.Skip(1).Select(Collapse).ToList());
        }).ToList();
    }

    /// <summary>A solution notebook's heading for exercise <paramref name="number"/>.</summary>
    public static string SolutionHeading(int number) => $"## Exercise {number}";

    /// <summary>Runs of white space as one space, trimmed.</summary>
    public static string Collapse(string text) => Space().Replace(text, " ").Trim();

    [GeneratedRegex(@"^(?<n>\d+)\. (?<body>.*?)(?=^\d+\. |\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Item();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}

using System.Text.RegularExpressions;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// The file paths in a cell's <c>#r "…"</c> and <c>#load "…"</c> directives, resolved against the assignment's
/// folder: a submission runs in a scratch folder, yet its setup cell's <c>#r "../../artifacts/…"</c> must load the
/// same library as for the instructor (and the sandbox must show that folder).
/// </summary>
internal static partial class DirectivePaths
{
    /// <summary><paramref name="source"/> with every relative directive path made absolute against <paramref name="folder"/>.</summary>
    public static string Absolute(string source, string folder) =>
        Directive().Replace(source, m => m.Groups["lead"].Value + Resolve(m.Groups["path"].Value, folder) + m.Groups["tail"].Value);

    /// <summary>The folders holding the files <paramref name="source"/>'s directives load.</summary>
    public static IEnumerable<string> Folders(string source, string folder) =>
        Directive().Matches(source).Select(m => Path.GetDirectoryName(Resolve(m.Groups["path"].Value, folder))!);

    /// <summary>Whether <paramref name="source"/> loads anything: an assembly, a script or a package (<c>#r</c>, <c>#load</c>, <c>#i</c>).</summary>
    public static bool Loads(string source) => AnyDirective().IsMatch(source);

    private static string Resolve(string path, string folder) => Path.GetFullPath(Path.Combine(folder, path));

    [GeneratedRegex(@"^[ \t]*#(?:r|load|i)[ \t]+""", RegexOptions.Multiline)]
    private static partial Regex AnyDirective();

    [GeneratedRegex("""^(?<lead>[ \t]*#(?:r|load)[ \t]+")(?!nuget:)(?<path>[^"\n]+)(?<tail>")""", RegexOptions.Multiline)]
    private static partial Regex Directive();
}

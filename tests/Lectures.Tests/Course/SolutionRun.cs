using Lectures.Tests.Support;

namespace Lectures.Tests.Course;

/// <summary>The worked solutions of the lecture notebooks' exercises (notebooks/solutions/), executed once.</summary>
public sealed class SolutionRun() : NotebookFolderRun("solutions-run", SourceFolder)
{
    /// <summary>The folder of the instructor's worked solutions.</summary>
    public static string SourceFolder => Repo.Path("notebooks", "solutions");

    /// <summary>The solution notebooks, by file name (each named after the lecture notebook it solves).</summary>
    public static IReadOnlyList<string> Names => Directory.Exists(SourceFolder) ? NamesIn(SourceFolder) : [];
}

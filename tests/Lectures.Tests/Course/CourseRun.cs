using Lectures.Tests.Support;

namespace Lectures.Tests.Course;

/// <summary>Every lecture notebook in notebooks/, executed once as the README's main command does.</summary>
public sealed class CourseRun() : NotebookFolderRun("course-run", Repo.Path("notebooks"))
{
    /// <summary>The lecture notebooks, by file name.</summary>
    public static IReadOnlyList<string> Names => NamesIn(Repo.Path("notebooks"));
}

using Lectures.Notebooks.Grading;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Site;

/// <summary>
/// A graded assignment as the index lists it. The site offers the student version (what <c>assign</c> writes: no
/// solutions, no hidden tests), never the instructor's notebook, and does not execute it: its answers are stubs.
/// </summary>
/// <param name="Name">The notebook's file name.</param>
/// <param name="Title">Its first heading.</param>
/// <param name="Points">The points of its autograder test cells (nbgrader metadata).</param>
/// <param name="Problem">Why no student version could be made (the instructor's markup is broken), else null.</param>
internal sealed record AssignmentEntry(string Name, string Title, double Points, string? Problem)
{
    /// <summary>Writes the student version of every assignment in <paramref name="folder"/> into <paramref name="target"/>.</summary>
    public static IReadOnlyList<AssignmentEntry> Write(string folder, string target)
    {
        if (!Directory.Exists(folder)) return [];
        var entries = new List<AssignmentEntry>();
        foreach (var path in Directory.GetFiles(folder, "*.ipynb").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            try
            {
                var solution = Notebook.Load(path);
                var points = solution.Cells.Select(GradingMarkup.Of).Where(m => m?.Role == CellRole.Test).Sum(m => m!.Points);
                StudentVersion.Create(solution).Save(Path.Combine(target, name));
                entries.Add(new AssignmentEntry(name, SiteBuilder.Title(solution) ?? name, points, null));
            }
            catch (InvalidDataException e) { entries.Add(new AssignmentEntry(name, name, 0, e.Message)); }
        }
        return entries;
    }
}

namespace Lectures.Notebooks.Grading;

/// <summary>The score of one graded part: one autograder test cell.</summary>
/// <param name="GradeId">The test cell's grade_id.</param>
/// <param name="Points">Points earned: all of <paramref name="MaxPoints"/> when the cell ran without an error, else 0.</param>
/// <param name="MaxPoints">The cell's nbgrader points.</param>
/// <param name="Status">"passed", "failed", "timed out" or "not run".</param>
/// <param name="Message">Why it did not pass, for the student; null when it passed.</param>
public sealed record PartScore(string GradeId, double Points, double MaxPoints, string Status, string? Message)
{
    /// <summary>Whether the part earned its points.</summary>
    public bool Passed => Status == "passed";
}

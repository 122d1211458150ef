namespace Lectures.Notebooks.Grading;

/// <summary>How one student's notebook was graded.</summary>
/// <param name="Student">The student's name (the submission's file or folder name).</param>
/// <param name="Notebook">The assignment notebook's file name.</param>
/// <param name="Parts">One score per autograder test cell, in the notebook's order.</param>
/// <param name="Notes">What the grader restored or ignored (edited locked cells, missing cells).</param>
/// <param name="Problem">Why the submission could not be graded at all (it scores zero), or null.</param>
/// <param name="Executed">The notebook as it was graded (redacted, hidden tests masked), when it was run.</param>
/// <param name="Seconds">How long grading it took, restarts included.</param>
public sealed record Submission(string Student, string Notebook, IReadOnlyList<PartScore> Parts, IReadOnlyList<string> Notes,
    string? Problem, Nbformat.Notebook? Executed, double Seconds = 0)
{
    /// <summary>Points earned.</summary>
    public double Total => Parts.Sum(p => p.Points);

    /// <summary>Points available.</summary>
    public double MaxTotal => Parts.Sum(p => p.MaxPoints);
}

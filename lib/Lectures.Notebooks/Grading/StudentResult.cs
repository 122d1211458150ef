namespace Lectures.Notebooks.Grading;

/// <summary>How one student did: every assignment notebook, and notes about the submission itself.</summary>
/// <param name="Name">The student's name.</param>
/// <param name="Notes">Notes about the submission as a whole (a name two submissions share).</param>
/// <param name="Notebooks">One result per assignment notebook, in the assignment's order.</param>
public sealed record StudentResult(string Name, IReadOnlyList<string> Notes, IReadOnlyList<Submission> Notebooks);

using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Grading;

/// <summary>The notebook a submission is graded with (<see cref="SubmissionMerge"/>).</summary>
/// <param name="Notebook">The cells to run, in the instructor's order with the student's additions.</param>
/// <param name="Origins">For each cell, the index of the instructor's cell it stands for, or null for a cell the student added.</param>
/// <param name="Notes">What was restored or left out, one line each, for the feedback.</param>
public sealed record MergedSubmission(Notebook Notebook, IReadOnlyList<int?> Origins, IReadOnlyList<string> Notes);

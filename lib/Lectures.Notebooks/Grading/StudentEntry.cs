namespace Lectures.Notebooks.Grading;

/// <summary>One student's submission as found in the submissions folder.</summary>
/// <param name="Name">The student's name: the folder's name, or the file's without its extension (made unique).</param>
/// <param name="Folder">The name of the student's folder in the output, safe on every file system and unique.</param>
/// <param name="Files">The submitted file for each assignment notebook name.</param>
/// <param name="Notes">What the instructor should know about the submission itself (a name two submissions share).</param>
public sealed record StudentEntry(string Name, string Folder, IReadOnlyDictionary<string, string> Files, IReadOnlyList<string> Notes);

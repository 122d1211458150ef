namespace Lectures.Notebooks.Grading;

/// <summary>What a submission's worker may see: its own folder's files, and the kit's folders read-only.</summary>
/// <param name="AssignmentFolder">The instructor's assignment folder; in the sandbox the submission's folder takes its place.</param>
/// <param name="Files">Files put into the submission's folder: (host path, name in the folder).</param>
/// <param name="ReadOnlyFolders">Folders the notebook's directives load from (the kit's build, say), visible read-only.</param>
internal sealed record WorkerLayout(string AssignmentFolder, IReadOnlyList<(string Source, string Name)> Files, IReadOnlyList<string> ReadOnlyFolders);

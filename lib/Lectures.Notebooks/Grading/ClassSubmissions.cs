using System.Security.Cryptography;
using System.Text;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// Finds each student's submission: one file (its name, without extension, is the student); or a folder whose files
/// are one student each (grading one notebook) and whose subfolders are one student each, holding the notebooks
/// under their assignment names (a subfolder with a single notebook is taken for a single-notebook assignment
/// whatever its name). Every entry is graded, whatever its name, except the folders and files tools leave behind
/// (Jupyter's checkpoints, macOS and Windows metadata), which are reported. Two entries that would be the same
/// student (<c>alice/</c> and <c>alice.ipynb</c>) are both graded, under distinct names, with a note.
/// </summary>
public static class ClassSubmissions
{
    private static readonly Dictionary<string, string> Artifacts = new(StringComparer.OrdinalIgnoreCase)
    {
        [".ipynb_checkpoints"] = "Jupyter's checkpoint folder", [".DS_Store"] = "macOS folder metadata", ["__MACOSX"] = "macOS archive metadata",
        ["Thumbs.db"] = "Windows thumbnails", ["desktop.ini"] = "Windows folder settings", [".git"] = "a git repository's data",
    };

    // Names in the output folder that belong to the grader (gradebook.csv and its temporary files).
    private const string Reserved = "gradebook.csv";
    private const int MaxFolderBytes = 100;

    /// <summary>The students in <paramref name="submissions"/> for an assignment of <paramref name="notebooks"/>, and what was skipped, with why.</summary>
    public static (IReadOnlyList<StudentEntry> Students, IReadOnlyList<string> Skipped) Find(string submissions, IReadOnlyList<string> notebooks)
    {
        var found = new List<(string Name, string Entry, Dictionary<string, string> Files)>();
        var skipped = new List<string>();
        if (File.Exists(submissions))
        {
            if (notebooks.Count > 1)
                throw new ArgumentException($"{submissions}: expected a folder with a subfolder per student for an assignment of {notebooks.Count} notebooks, got a file");
            found.Add((Path.GetFileNameWithoutExtension(submissions), Path.GetFileName(submissions), new() { [notebooks[0]] = submissions }));
        }
        else if (Directory.Exists(submissions))
        {
            foreach (var entry in Directory.GetFileSystemEntries(submissions).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(entry);
                if (Artifacts.TryGetValue(name, out var what)) { skipped.Add($"{name} ({what}, not a submission)"); continue; }
                if (Directory.Exists(entry))
                {
                    var files = notebooks.Where(n => File.Exists(Path.Combine(entry, n))).ToDictionary(n => n, n => Path.Combine(entry, n));
                    var only = Directory.GetFiles(entry, "*.ipynb");
                    if (notebooks.Count == 1 && files.Count == 0 && only.Length == 1) files[notebooks[0]] = only[0];
                    found.Add((name, name + "/", files));
                }
                else
                    found.Add((Path.GetFileNameWithoutExtension(name), name, notebooks.Count == 1 ? new() { [notebooks[0]] = entry } : []));
            }
        }
        else throw new FileNotFoundException($"No submission file or folder at {submissions}", submissions);

        var names = new HashSet<string>(StringComparer.Ordinal);
        var folders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var students = new List<StudentEntry>();
        foreach (var group in found.GroupBy(f => f.Name, StringComparer.Ordinal))
        {
            var shared = group.Count() > 1;
            var note = shared
                ? $"{group.Count()} submissions would be the student '{group.Key}' ({string.Join(", ", group.Select(g => g.Entry))}); each was graded under its own name: check which one counts"
                : null;
            foreach (var (name, entry, files) in group)
            {
                // A folder keeps the name; a file that shares it is named with its extension.
                var unique = shared && !entry.EndsWith('/') ? entry : name;
                for (var k = 2; !names.Add(unique); k++) unique = $"{(shared && !entry.EndsWith('/') ? entry : name)} ({k})";
                students.Add(new StudentEntry(unique, Folder(unique, folders), files, note is null ? [] : [note]));
            }
        }
        return (students.OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), skipped);
    }

    /// <summary>
    /// A folder name for <paramref name="student"/> that every file system accepts, at most 100 bytes, not the
    /// gradebook's, and unique among <paramref name="taken"/> ignoring case; a changed name keeps a hash of the original.
    /// </summary>
    private static string Folder(string student, HashSet<string> taken)
    {
        var safe = new string(student.Select(c => char.IsControl(c) || "/\\:*?\"<>|".Contains(c) ? '_' : c).ToArray()).TrimEnd('.', ' ');
        if (safe.Length == 0 || IsDeviceName(safe)) safe = "_" + safe;
        var changed = safe != student || safe.StartsWith(Reserved, StringComparison.OrdinalIgnoreCase);
        if (Encoding.UTF8.GetByteCount(safe) > MaxFolderBytes)
        {
            var kept = new StringBuilder();
            foreach (var rune in safe.EnumerateRunes())
            {
                if (Encoding.UTF8.GetByteCount(kept.ToString()) + rune.Utf8SequenceLength > MaxFolderBytes - 10) break;
                kept.Append(rune.ToString());
            }
            (safe, changed) = (kept.ToString(), true);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(student)))[..8];
        var folder = changed ? $"{safe}-{hash}" : safe;
        for (var k = 2; !taken.Add(folder); k++) folder = $"{safe}-{hash}-{k}";
        return folder;
    }

    private static bool IsDeviceName(string name)
    {
        var stem = name.Split('.')[0].ToUpperInvariant();
        return stem is "CON" or "PRN" or "AUX" or "NUL" || (stem.Length == 4 && (stem.StartsWith("COM") || stem.StartsWith("LPT")) && char.IsAsciiDigit(stem[3]));
    }
}

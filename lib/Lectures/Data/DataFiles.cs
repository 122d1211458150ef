namespace Lectures.Data;

/// <summary>
/// Finds and reads the files in the repository's <c>data/</c> folder (see <c>data/README.md</c> for where each
/// comes from). Nothing is downloaded: a missing file is an error that says where it was looked for.
/// </summary>
public static class DataFiles
{
    /// <summary>
    /// The full path of <c>data/<paramref name="name"/></c>, searched from the current directory, the library's
    /// folder and their parents (notebooks run from <c>notebooks/</c>, the library sits in <c>artifacts/bin/…</c>).
    /// </summary>
    /// <param name="name">A file name inside <c>data/</c>, e.g. <c>kjv-genesis.tsv</c>.</param>
    /// <example><code>string path = DataFiles.Find("kjv-genesis.tsv");</code></example>
    public static string Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var searched = new List<string>();
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetDirectoryName(typeof(DataFiles).Assembly.Location) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", name);
                if (File.Exists(candidate)) return candidate;
                searched.Add(Path.Combine(dir.FullName, "data"));
            }
        }
        throw new FileNotFoundException(
            $"Data file '{name}' not found. Looked in: {string.Join(", ", searched.Distinct())}. " +
            "The kit's data files live in the repository's data/ folder.", name);
    }

    /// <summary>
    /// Reads the King James Version of Genesis (public domain) from <c>data/kjv-genesis.tsv</c>, one verse per
    /// line as <c>chapter:verse&lt;TAB&gt;text</c>, and returns the verses' texts in order.
    /// </summary>
    /// <param name="path">Another file in the same format, or <c>null</c> for the kit's copy.</param>
    /// <example>
    /// <code>
    /// string text = string.Join("\n", DataFiles.Genesis());
    /// var vocab = CharVocabulary.Build(text);
    /// </code>
    /// </example>
    public static IReadOnlyList<string> Genesis(string? path = null)
    {
        path ??= Find("kjv-genesis.tsv");
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
        var verses = new List<string>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var tab = line.IndexOf('\t');
            var reference = tab < 0 ? "" : line[..tab];
            var parts = reference.Split(':');
            if (tab < 0 || parts.Length != 2 || !parts.All(p => int.TryParse(p, out var n) && n > 0) || tab == line.Length - 1)
                throw new FormatException(
                    $"{path}, line {lineNumber}: expected 'chapter:verse<TAB>text' (e.g. '1:1\tIn the beginning…'), got '{Truncate(line)}'.");
            verses.Add(line[(tab + 1)..]);
        }
        if (verses.Count == 0) throw new FormatException($"{path}: the file holds no verses.");
        return verses;
    }

    private static string Truncate(string line) => line.Length <= 60 ? line : line[..60] + "…";
}

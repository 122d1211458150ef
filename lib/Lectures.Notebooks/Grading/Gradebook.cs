using System.Globalization;
using System.Text;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// The class's scores as CSV, one row per student: a column per graded part ("notebook/grade_id (max points)"),
/// one per notebook total, the total, the maximum and the problems that zeroed a notebook.
/// </summary>
public static class Gradebook
{
    /// <summary>The CSV text for <paramref name="submissions"/> (every notebook of every student).</summary>
    public static string ToCsv(IReadOnlyList<Submission> submissions)
    {
        var notebooks = submissions.Select(s => s.Notebook).Distinct().Order(StringComparer.Ordinal).ToList();
        // Every student's submission of a notebook has the same parts (the instructor's test cells).
        var parts = notebooks.SelectMany(n => submissions.First(s => s.Notebook == n).Parts.Select(p => (Notebook: n, Part: p))).ToList();
        var header = new List<string> { "student" };
        header.AddRange(parts.Select(p => $"{Stem(p.Notebook)}/{p.Part.GradeId} ({Number(p.Part.MaxPoints)})"));
        header.AddRange(notebooks.Select(n => $"{Stem(n)} ({Number(submissions.First(s => s.Notebook == n).MaxTotal)})"));
        header.AddRange(["total", "max_total", "problems"]);
        var csv = new StringBuilder().AppendLine(string.Join(',', header.Select(Escape)));
        foreach (var student in submissions.GroupBy(s => s.Student).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byNotebook = student.ToDictionary(s => s.Notebook);
            var row = new List<string> { student.Key };
            row.AddRange(parts.Select(p => byNotebook.TryGetValue(p.Notebook, out var s)
                ? Number(s.Parts.FirstOrDefault(x => x.GradeId == p.Part.GradeId)?.Points ?? 0) : "0"));
            row.AddRange(notebooks.Select(n => byNotebook.TryGetValue(n, out var s) ? Number(s.Total) : "0"));
            row.Add(Number(student.Sum(s => s.Total)));
            row.Add(Number(notebooks.Sum(n => submissions.First(s => s.Notebook == n).MaxTotal)));
            row.Add(string.Join("; ", student.Where(s => s.Problem is not null).Select(s => $"{s.Notebook}: {s.Problem}")));
            csv.AppendLine(string.Join(',', row.Select(Escape)));
        }
        return csv.ToString();
    }

    /// <summary>Writes the CSV through a temporary file.</summary>
    public static void Write(string path, IReadOnlyList<Submission> submissions) => AtomicFile.WriteAllText(path, ToCsv(submissions));

    private static string Stem(string notebook) => Path.GetFileNameWithoutExtension(notebook);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}

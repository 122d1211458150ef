using System.Globalization;
using System.Text;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// The class's scores as CSV, one row per student: a column per graded part ("notebook/grade_id (max points)"),
/// one per notebook total, the total, the maximum and the problems. The columns and maxima come from the
/// instructor's notebooks only, so nothing a submission contains can add a column or change a maximum. Every field
/// that a spreadsheet would take for a formula (starting with =, +, -, @, a tab or a carriage return) is written
/// with a leading apostrophe, so a student's name or message is shown, never evaluated.
/// </summary>
public static class Gradebook
{
    /// <summary>The CSV text for <paramref name="students"/>, graded against <paramref name="solutions"/>.</summary>
    public static string ToCsv(IReadOnlyList<Notebook> solutions, IReadOnlyList<StudentResult> students)
    {
        var columns = solutions.Select(s => (Notebook: s.Name, Parts: s.Cells.Select(GradingMarkup.Of).Where(m => m?.Role == CellRole.Test)
            .Select(m => (Id: m!.GradeId!, m.Points)).ToList())).ToList();
        var header = new List<string> { "student" };
        header.AddRange(columns.SelectMany(c => c.Parts.Select(p => $"{Stem(c.Notebook)}/{p.Id} ({Number(p.Points)})")));
        header.AddRange(columns.Select(c => $"{Stem(c.Notebook)} ({Number(c.Parts.Sum(p => p.Points))})"));
        header.AddRange(["total", "max_total", "problems"]);
        var csv = new StringBuilder().AppendLine(string.Join(',', header.Select(Field)));
        var maximum = columns.Sum(c => c.Parts.Sum(p => p.Points));
        foreach (var student in students.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var byNotebook = student.Notebooks.ToDictionary(s => s.Notebook);
            double Points(string notebook, string id) =>
                byNotebook.TryGetValue(notebook, out var s) ? s.Parts.FirstOrDefault(x => x.GradeId == id)?.Points ?? 0 : 0;
            var row = new List<string> { student.Name };
            row.AddRange(columns.SelectMany(c => c.Parts.Select(p => Number(Points(c.Notebook, p.Id)))));
            var totals = columns.Select(c => c.Parts.Sum(p => Points(c.Notebook, p.Id))).ToList();
            row.AddRange(totals.Select(Number));
            row.Add(Number(totals.Sum()));
            row.Add(Number(maximum));
            row.Add(string.Join("; ", student.Notes.Concat(student.Notebooks.Where(s => s.Problem is not null).Select(s => $"{s.Notebook}: {s.Problem}"))));
            csv.AppendLine(string.Join(',', row.Select(Field)));
        }
        return csv.ToString();
    }

    /// <summary>Writes the CSV through a temporary file.</summary>
    public static void Write(string path, IReadOnlyList<Notebook> solutions, IReadOnlyList<StudentResult> students) =>
        AtomicFile.WriteAllText(path, ToCsv(solutions, students));

    private static string Stem(string notebook) => Path.GetFileNameWithoutExtension(notebook);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>One CSV field: neutralised when a spreadsheet would read it as a formula, quoted when it needs it.</summary>
    internal static string Field(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}

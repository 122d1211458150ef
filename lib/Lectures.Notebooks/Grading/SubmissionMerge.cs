using System.Text.Json.Nodes;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// Builds the notebook that is executed for a submission, as nbgrader's OverwriteCells does and more strictly: cells
/// are matched to the instructor's by grade_id (else by cell id); read-only and test cells are always the
/// instructor's copies, hidden tests included, whatever the student changed; an answer cell keeps the student's
/// source under the instructor's metadata. Instructor cells the submission lost are put back in their place
/// (a lost answer cell as the unanswered stub); cells the student added run where they are.
/// </summary>
public static class SubmissionMerge
{
    /// <summary>The notebook to execute and what was restored, one line each, for the feedback.</summary>
    /// <param name="solution">The instructor's notebook (checked with <see cref="StudentVersion.Validate"/>).</param>
    /// <param name="submission">The student's notebook.</param>
    public static (Notebook Merged, IReadOnlyList<string> Notes) Merge(Notebook solution, Notebook submission)
    {
        var byGradeId = new Dictionary<string, int>();
        var byId = new Dictionary<string, int>();
        for (var i = 0; i < solution.Cells.Count; i++)
        {
            if (GradingMarkup.Of(solution.Cells[i])?.GradeId is { } gradeId) byGradeId[gradeId] = i;
            if (solution.Cells[i].Id is { } id) byId.TryAdd(id, i);
        }
        var merged = new List<NotebookCell>();
        var notes = new List<string>();
        var placed = new bool[solution.Cells.Count];

        void RestoreMissingBefore(int end)
        {
            for (var i = 0; i < end; i++)
            {
                if (placed[i] || GradingMarkup.Of(solution.Cells[i]) is not { } markup) continue;
                placed[i] = true;
                if (markup.Role == CellRole.Answer)
                {
                    merged.Add(StudentVersion.Stub(solution.Cells[i]));
                    notes.Add($"answer cell '{markup.GradeId}' is missing from the submission; graded as unanswered");
                }
                else
                {
                    merged.Add(CellSource.Copy(solution.Cells[i]));
                    if (markup.Role != CellRole.Ordinary) notes.Add($"{Describe(markup)} '{markup.GradeId}' is missing from the submission; the instructor's copy was used");
                }
            }
        }

        foreach (var cell in submission.Cells)
        {
            int? match = GradingMarkup.Of(cell)?.GradeId is { } g && byGradeId.TryGetValue(g, out var j) ? j
                : cell.Id is { } id && byId.TryGetValue(id, out var k) ? k : null;
            if (match is not int m) { merged.Add(CellSource.Copy(cell)); continue; }   // a cell the student added
            if (placed[m]) { notes.Add($"a second copy of cell '{Name(solution.Cells[m])}' was left out"); continue; }
            RestoreMissingBefore(m);
            placed[m] = true;
            var instructor = solution.Cells[m];
            var markup = GradingMarkup.Of(instructor);
            if (markup is null) merged.Add(CellSource.Copy(cell));
            else if (markup.Role == CellRole.Answer)
            {
                var answer = CellSource.Copy(instructor);
                CellSource.Set(answer, cell.CellType == instructor.CellType ? cell.Source : StudentVersion.Stub(instructor).Source);
                merged.Add(answer);
            }
            else
            {
                merged.Add(CellSource.Copy(instructor));
                if (markup.IsProtected && Normalize(cell.Source) != Normalize(MarkupRegions.ClearHiddenTests(instructor.Source, out _))
                    && Normalize(cell.Source) != Normalize(instructor.Source))
                    notes.Add($"{Describe(markup)} '{markup.GradeId}' was changed in the submission; the instructor's copy was used");
            }
        }
        RestoreMissingBefore(solution.Cells.Count);

        var root = solution.Root.DeepClone().AsObject();
        root["cells"] = new JsonArray(merged.Select(c =>
        {
            if (c.CellType == "code") c.SetOutputs([], null);
            return (JsonNode)c.Json;
        }).ToArray());
        return (Notebook.Parse(root.ToJsonString(), solution.Name), notes);
    }

    private static string Name(NotebookCell cell) => GradingMarkup.Of(cell)?.GradeId ?? cell.Id ?? "?";

    private static string Describe(GradingMarkup markup) => markup.Role switch
    {
        CellRole.Test => "test cell",
        CellRole.ReadOnly => "read-only cell",
        _ => "cell",
    };

    private static string Normalize(string source) => source.Replace("\r\n", "\n").TrimEnd();
}

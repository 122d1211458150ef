using System.Globalization;
using System.Text.Json.Nodes;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// Builds the notebook that is executed for a submission, as nbgrader's OverwriteCells does and more strictly: cells
/// are matched to the instructor's by grade_id (else by cell id) and run in the instructor's order; read-only and
/// test cells are always the instructor's copies, hidden tests included, whatever the student changed; an answer
/// cell keeps the student's source under the instructor's metadata, wherever the student moved it. Instructor cells
/// the submission lost are put back (a lost answer cell as the unanswered stub). Cells the student added run after
/// every instructor cell that came before them in the submission, as ordinary cells: their nbgrader metadata is dropped, so they score nothing.
/// </summary>
public static class SubmissionMerge
{
    /// <summary>The notebook to execute, where each of its cells came from, and what was restored, one line each.</summary>
    /// <param name="solution">The instructor's notebook (checked with <see cref="StudentVersion.Validate"/>).</param>
    /// <param name="submission">The student's notebook.</param>
    public static MergedSubmission Merge(Notebook solution, Notebook submission)
    {
        var byGradeId = new Dictionary<string, int>();
        var byId = new Dictionary<string, int>();
        for (var i = 0; i < solution.Cells.Count; i++)
        {
            if (GradingMarkup.Of(solution.Cells[i])?.GradeId is { } gradeId) byGradeId[gradeId] = i;
            if (solution.Cells[i].Id is { } id) byId.TryAdd(id, i);
        }
        var notes = new List<string>();
        var matched = new NotebookCell?[solution.Cells.Count];
        var added = new Dictionary<int, List<NotebookCell>>();   // instructor index they follow (-1: the top) → cells the student added
        var furthest = -1;
        foreach (var cell in submission.Cells)
        {
            int? match = GradingMarkup.Of(cell)?.GradeId is { } g && byGradeId.TryGetValue(g, out var j) ? j
                : cell.Id is { } id && byId.TryGetValue(id, out var k) ? k : null;
            if (match is not int m)
            {
                (added.TryGetValue(furthest, out var list) ? list : added[furthest] = []).Add(Added(cell, notes));
                continue;
            }
            if (matched[m] is not null) { notes.Add($"a second copy of cell '{Name(solution.Cells[m])}' was left out"); continue; }
            matched[m] = cell;
            if (m < furthest && GradingMarkup.Of(solution.Cells[m]) is { Role: not CellRole.Ordinary } moved)
                notes.Add($"{Describe(moved)} '{moved.GradeId}' was moved below '{Name(solution.Cells[furthest])}' in the submission; it ran in its place");
            furthest = Math.Max(furthest, m);
        }

        var cells = new List<NotebookCell>();
        var origins = new List<int?>();
        void Emit(NotebookCell cell, int? origin)
        {
            if (cell.CellType == "code") cell.SetOutputs([], null);
            cells.Add(cell);
            origins.Add(origin);
        }
        foreach (var cell in added.GetValueOrDefault(-1, [])) Emit(cell, null);
        for (var i = 0; i < solution.Cells.Count; i++)
        {
            Emit(Restore(solution.Cells[i], matched[i], notes), i);
            foreach (var cell in added.GetValueOrDefault(i, [])) Emit(cell, null);
        }
        var root = solution.Root.DeepClone().AsObject();
        root["cells"] = new JsonArray(cells.Select(c => (JsonNode)c.Json).ToArray());
        return new MergedSubmission(Notebook.Parse(root.ToJsonString(), solution.Name), origins, notes);
    }

    /// <summary>The cell that runs in place of the instructor's <paramref name="instructor"/>, given the student's copy (if any).</summary>
    private static NotebookCell Restore(NotebookCell instructor, NotebookCell? student, List<string> notes)
    {
        var markup = GradingMarkup.Of(instructor);
        if (markup is null) return CellSource.Copy(student ?? instructor);
        if (markup.Role == CellRole.Answer)
        {
            if (student is null) notes.Add($"answer cell '{markup.GradeId}' is missing from the submission; graded as unanswered");
            var answer = CellSource.Copy(instructor);
            CellSource.Set(answer, student?.CellType == instructor.CellType ? student.Source : StudentVersion.Stub(instructor).Source);
            return answer;
        }
        if (student is null && markup.Role != CellRole.Ordinary)
            notes.Add($"{Describe(markup)} '{markup.GradeId}' is missing from the submission; the instructor's copy was used");
        else if (student is not null && markup.IsProtected && Normalize(student.Source) != Normalize(MarkupRegions.ClearHiddenTests(instructor.Source, out _))
                 && Normalize(student.Source) != Normalize(instructor.Source))
            notes.Add($"{Describe(markup)} '{markup.GradeId}' was changed in the submission; the instructor's copy was used");
        return CellSource.Copy(instructor);
    }

    /// <summary>A cell the student added, as an ordinary cell: nbgrader metadata it carries counts for nothing.</summary>
    private static NotebookCell Added(NotebookCell cell, List<string> notes)
    {
        var copy = CellSource.Copy(cell);
        if (copy.Json["metadata"] is JsonObject metadata && metadata.Remove("nbgrader") && GradingMarkup.Of(cell) is { Role: CellRole.Test } claimed)
            notes.Add($"a cell the submission added claims to be a graded test ('{claimed.GradeId}', " +
                      $"{claimed.Points.ToString("0.##", CultureInfo.InvariantCulture)} points); it ran as an ordinary cell and scores nothing");
        return copy;
    }

    private static string Name(NotebookCell cell) => GradingMarkup.Of(cell)?.GradeId ?? cell.Id ?? "?";

    private static string Describe(GradingMarkup markup) => markup.Role switch
    {
        CellRole.Test => "test cell",
        CellRole.ReadOnly => "read-only cell",
        CellRole.Answer => "answer cell",
        _ => "cell",
    };

    private static string Normalize(string source) => source.Replace("\r\n", "\n").TrimEnd();
}

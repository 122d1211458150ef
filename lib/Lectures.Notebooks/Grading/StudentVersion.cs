using System.Text.Json.Nodes;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// Makes the student version of an instructor's notebook, as nbgrader's assign does: solution regions (or whole
/// answer cells without regions) become the stub, hidden tests are removed, outputs are cleared, answer, test and
/// read-only cells are marked undeletable and read-only cells uneditable (LockCells). Cell ids and all other
/// metadata are kept, so the grader can match a submission's cells to the instructor's.
/// </summary>
public static class StudentVersion
{
    /// <summary>
    /// Checks the instructor's markup and returns the student version; markup errors are an
    /// <see cref="InvalidDataException"/> naming the notebook, the cell and what is wrong.
    /// </summary>
    public static Notebook Create(Notebook solution)
    {
        Validate(solution);
        var student = Notebook.Parse(solution.ToJson(), solution.Name);
        student.EnsureCellIds();
        foreach (var cell in student.Cells)
        {
            var markup = GradingMarkup.Of(cell);
            var code = cell.CellType == "code";
            var source = MarkupRegions.ClearSolutions(cell.Source, code, out var replaced);
            if (markup?.Role == CellRole.Answer && !replaced) source = code ? MarkupRegions.CodeStub : MarkupRegions.TextStub;
            if (markup?.Role == CellRole.Test) source = MarkupRegions.ClearHiddenTests(source, out _);
            if (source != cell.Source) CellSource.Set(cell, source);
            if (code) cell.SetOutputs([], null);
            if (markup is null) continue;
            var metadata = (JsonObject)cell.Json["metadata"]!;
            var locked = markup.Role is CellRole.ReadOnly or CellRole.Test;
            metadata["nbgrader"]!["locked"] = locked;   // nbgrader's rule made explicit: answers never, tests always
            metadata["deletable"] = false;
            if (locked) metadata["editable"] = false;
        }
        return student;
    }

    /// <summary>
    /// The answer cell as a student receives it, for a submission that lost it: graded as unanswered.
    /// </summary>
    internal static NotebookCell Stub(NotebookCell answer)
    {
        var copy = CellSource.Copy(answer);
        var code = copy.CellType == "code";
        var source = MarkupRegions.ClearSolutions(copy.Source, code, out var replaced);
        CellSource.Set(copy, replaced ? source : code ? MarkupRegions.CodeStub : MarkupRegions.TextStub);
        return copy;
    }

    /// <summary>Every problem with the instructor's markup, each naming the cell; throws when there is any.</summary>
    public static void Validate(Notebook solution)
    {
        var problems = new List<string>();
        var ids = new HashSet<string>();
        for (var i = 0; i < solution.Cells.Count; i++)
        {
            var cell = solution.Cells[i];
            var markup = GradingMarkup.Of(cell);
            var name = $"cell {i + 1}{(markup?.GradeId is { } id ? $" ('{id}')" : "")}";
            if (markup is not null)
            {
                problems.AddRange(markup.Validate().Select(p => $"{name} {p}"));
                if (markup.GradeId is { } gradeId && !ids.Add(gradeId)) problems.Add($"{name}: grade_id '{gradeId}' is used by an earlier cell too; ids must be unique");
            }
            try
            {
                MarkupRegions.ClearSolutions(cell.Source, cell.CellType == "code", out var solutionRegion);
                MarkupRegions.ClearHiddenTests(cell.Source, out var hiddenTests);
                if (solutionRegion && markup?.Role != CellRole.Answer)
                    problems.Add($"{name} has a solution region but is not an answer cell (nbgrader.solution = true)");
                if (hiddenTests && markup?.Role != CellRole.Test)
                    problems.Add($"{name} has hidden tests but is not a test cell (nbgrader.grade = true)");
            }
            catch (InvalidDataException e) { problems.Add($"{name}: {e.Message}"); }
        }
        if (!solution.Cells.Any(c => GradingMarkup.Of(c)?.Role == CellRole.Test))
            problems.Add("no autograder test cell (nbgrader.grade = true with points); there is nothing to grade");
        if (problems.Count > 0)
            throw new InvalidDataException($"{solution.Name} is not a gradable assignment:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>Writes the student version of every notebook into <paramref name="outputFolder"/> under the same name.</summary>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Assign(IReadOnlyList<string> solutions, string outputFolder)
    {
        var versions = solutions.Select(s => (Path: Path.Combine(outputFolder, Path.GetFileName(s)), Notebook: Create(Notebook.Load(s)))).ToList();
        foreach (var (path, notebook) in versions) notebook.Save(path);   // only after every notebook passed its checks
        return versions.Select(v => v.Path).ToList();
    }
}

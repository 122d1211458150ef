using System.Globalization;
using System.Text.Json.Nodes;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// A cell's nbgrader metadata, <c>metadata.nbgrader = {grade, grade_id, locked, points, schema_version, solution, task}</c>,
/// read with nbgrader's rules: a solution cell is never locked, a grade cell always is. Grade cells that are also
/// solutions (nbgrader's manually graded answers) and tasks need a human and are rejected by <see cref="Validate"/>.
/// </summary>
/// <param name="GradeId">The cell's stable name, which matches it between the instructor's and a student's copy.</param>
/// <param name="Solution">nbgrader.solution: the student answers here.</param>
/// <param name="Grade">nbgrader.grade: the cell earns points.</param>
/// <param name="Locked">nbgrader.locked as stored (see <see cref="Role"/> for the effective rule).</param>
/// <param name="Points">nbgrader.points of a grade cell.</param>
/// <param name="Task">nbgrader.task: a manually graded task.</param>
public sealed record GradingMarkup(string? GradeId, bool Solution, bool Grade, bool Locked, double Points, bool Task)
{
    /// <summary>The cell's role, with nbgrader's precedence: solution, then grade, then locked.</summary>
    public CellRole Role => Solution ? CellRole.Answer : Grade ? CellRole.Test : Locked ? CellRole.ReadOnly : CellRole.Ordinary;

    /// <summary>Whether the instructor's copy of the cell is used when grading (read-only and test cells).</summary>
    public bool IsProtected => Role is CellRole.ReadOnly or CellRole.Test;

    /// <summary>The cell's markup, or null when it has no nbgrader metadata (or metadata that is not an object).</summary>
    public static GradingMarkup? Of(NotebookCell cell) =>
        cell.Json["metadata"]?["nbgrader"] is JsonObject nbgrader
            ? new GradingMarkup(Text(nbgrader["grade_id"]), Flag(nbgrader["solution"]), Flag(nbgrader["grade"]),
                Flag(nbgrader["locked"]), Number(nbgrader["points"]), Flag(nbgrader["task"]))
            : null;

    /// <summary>Problems that make the cell ungradable here, named for the instructor; empty when fine.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(GradeId)) yield return "expected a grade_id in its nbgrader metadata, found none";
        if (Solution && Grade) yield return "is a manually graded answer (nbgrader solution and grade); this grader only scores autograder tests";
        if (Task) yield return "is a manually graded task; this grader only scores autograder tests";
        if (Role == CellRole.Test && !(Points > 0)) yield return $"is an autograder test cell, expected points above 0, found {Points.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static double Number(JsonNode? node) =>
        node is JsonValue v ? v.TryGetValue<double>(out var d) ? d
            : v.TryGetValue<string>(out var s) && double.TryParse(s, CultureInfo.InvariantCulture, out d) ? d : 0
        : 0;
}

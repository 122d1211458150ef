namespace Lectures.Notebooks.Grading;

/// <summary>What a cell is in a graded assignment, from its nbgrader metadata (nbgrader's cell types).</summary>
public enum CellRole
{
    /// <summary>No nbgrader metadata: the student may change it freely.</summary>
    Ordinary,
    /// <summary>nbgrader's "read-only" cell (<c>locked</c>): instructions, setup, given code.</summary>
    ReadOnly,
    /// <summary>nbgrader's "autograded answer" (<c>solution</c>): the student's code goes here.</summary>
    Answer,
    /// <summary>nbgrader's "autograder tests" (<c>grade</c>, locked, with <c>points</c>): passes or scores zero.</summary>
    Test,
}

namespace Lectures.Notebooks.Site;

/// <summary>One lecture theme of <see cref="CourseInfo"/>: its title and its notebooks in order.</summary>
/// <param name="Title">The theme, as the index shows it.</param>
/// <param name="Notebooks">Its notebooks.</param>
public sealed record CourseTheme(string Title, IReadOnlyList<CourseNotebook> Notebooks);

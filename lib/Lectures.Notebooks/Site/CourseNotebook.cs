namespace Lectures.Notebooks.Site;

/// <summary>A notebook as a <see cref="CourseTheme"/> lists it.</summary>
/// <param name="Name">The file name without <c>.ipynb</c>.</param>
/// <param name="Learn">What a student learns from it, in one line.</param>
public sealed record CourseNotebook(string Name, string Learn);

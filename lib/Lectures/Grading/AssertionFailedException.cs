namespace Lectures.Grading;

/// <summary>
/// Thrown by <see cref="Assert"/> when a check in an assignment's test cell fails. The message names what was
/// checked, what was expected and what came, so the grader can show it to the student as it is.
/// </summary>
public sealed class AssertionFailedException : Exception
{
    /// <summary>Creates the exception with the message shown to the student.</summary>
    /// <param name="message">What was checked, what was expected and what came.</param>
    public AssertionFailedException(string message) : base(message) { }
}

namespace Lectures.Tests.Course;

/// <summary>Every course test shares one run of all notebooks.</summary>
[CollectionDefinition(Name)]
public sealed class CourseCollection : ICollectionFixture<CourseRun>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Course";
}

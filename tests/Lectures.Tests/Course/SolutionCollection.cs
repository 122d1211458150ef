namespace Lectures.Tests.Course;

/// <summary>Every worked-solution test shares one run of all solution notebooks.</summary>
[CollectionDefinition(Name)]
public sealed class SolutionCollection : ICollectionFixture<SolutionRun>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Solutions";
}

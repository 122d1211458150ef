namespace Lectures.Tests.Grading;

/// <summary>The test classes that read one <see cref="GradingRun"/> (it takes minutes, so it runs once).</summary>
[CollectionDefinition(Name)]
public sealed class GradingRunCollection : ICollectionFixture<GradingRun>
{
    public const string Name = "Grading run";
}

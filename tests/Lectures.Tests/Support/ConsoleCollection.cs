namespace Lectures.Tests.Support;

/// <summary>Tests that redirect Console (notebook sessions) must not run beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Console";
}

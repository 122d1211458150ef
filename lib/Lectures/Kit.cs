using TorchSharp;

namespace Lectures;

/// <summary>
/// One place for the settings every notebook shares: the seed that makes runs repeatable and the display
/// function that progress bars are shown through.
/// </summary>
public static class Kit
{
    private static Random random = new(0);
    private static Func<object, object?>? display;

    /// <summary>
    /// Seeds everything random in the kit: TorchSharp's generator (weight initialisation, dropout,
    /// <c>randn</c>), the .NET <see cref="System.Random"/> the library uses (shuffling, sampling) and the data
    /// generators when they are called without an explicit seed. The same seed gives the same numbers.
    /// </summary>
    /// <param name="seed">Any integer; notebooks use a fixed one so every run prints the same numbers.</param>
    /// <example>
    /// <code>
    /// Kit.Seed(42);
    /// var model = nn.LSTM(1, 8);          // same initial weights on every run
    /// var data = AddingProblem.Generate(256, 20);  // same examples on every run
    /// </code>
    /// </example>
    public static void Seed(int seed)
    {
        torch.manual_seed(seed);
        random = new Random(seed);
    }

    /// <summary>
    /// Registers the notebook's display function. Training progress is then shown as an HTML progress bar that
    /// updates in place; without a registered display it is a single console line.
    /// </summary>
    /// <param name="show">The notebook's <c>display</c>; it must return a handle with an <c>Update(object)</c>
    /// method (as .NET Interactive's and the kit's engine's <c>display</c> do), or <c>null</c>.</param>
    /// <example>
    /// <code>
    /// Kit.UseDisplay(x => display(x));
    /// </code>
    /// </example>
    public static void UseDisplay(Func<object, object?> show)
    {
        ArgumentNullException.ThrowIfNull(show);
        display = show;
    }

    /// <summary>Forgets the display registered with <see cref="UseDisplay"/>; progress goes to the console again.</summary>
    /// <example><code>Kit.ResetDisplay();</code></example>
    public static void ResetDisplay() => display = null;

    /// <summary>The display registered with <see cref="UseDisplay"/>, if any.</summary>
    internal static Func<object, object?>? Display => display;

    /// <summary>The library's .NET random source, seeded by <see cref="Seed"/>.</summary>
    internal static Random Random => random;

    /// <summary>A seed for a generator called without one, drawn from the kit's seeded random source.</summary>
    internal static int NextSeed() => random.Next();
}

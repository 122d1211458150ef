namespace Lectures.Data;

/// <summary>Standard normal draws from a .NET <see cref="Random"/> (Box–Muller), so generators stay seedable.</summary>
internal static class Gaussian
{
    internal static double Next(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

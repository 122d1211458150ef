namespace Lectures.Data;

/// <summary>
/// Short restaurant reviews in the style of the lecture's "The food was just terrible" and "I had a good time but
/// the waiter was annoying". A clause's sentiment is its adjective's, flipped by "not"; a review of two clauses
/// joined by "but" takes the sentiment of the second. So "the food was not good but the waiter was great"
/// (positive) and "the food was good but the waiter was not great" (negative) hold the same bag of words:
/// only a model that reads word order can tell them apart.
/// </summary>
public static class RestaurantReviews
{
    private static readonly string[] Subjects = ["the food", "the service", "the waiter", "the pasta", "the music", "the staff", "the dessert", "the soup"];
    private static readonly string[] Adverbs = ["", "", "really ", "just ", "quite "];
    private static readonly string[] Positive = ["good", "great", "delicious", "friendly", "lovely", "excellent"];
    private static readonly string[] Negative = ["terrible", "awful", "bland", "rude", "annoying", "cold"];

    /// <summary>Generates <paramref name="count"/> reviews, about half positive.</summary>
    /// <param name="count">Number of reviews.</param>
    /// <param name="seed">Seed; without it, one is drawn from the generator seeded by <see cref="Kit.Seed"/>.</param>
    /// <param name="negationRate">Probability that a clause is negated with "not".</param>
    /// <param name="contrastRate">Probability that a review has a second, "but" clause.</param>
    /// <example>
    /// <code>
    /// var reviews = RestaurantReviews.Generate(1000, seed: 0);
    /// var vocab = WordVocabulary.Build(reviews.Select(r => r.Text));
    /// </code>
    /// </example>
    public static List<Review> Generate(int count, int? seed = null, double negationRate = 0.3, double contrastRate = 0.5)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be at least 1.");
        if (negationRate is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(negationRate), negationRate, "A rate must lie in [0, 1].");
        if (contrastRate is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(contrastRate), contrastRate, "A rate must lie in [0, 1].");
        var random = new Random(seed ?? Kit.NextSeed());
        var reviews = new List<Review>(count);
        for (var n = 0; n < count; n++)
        {
            var (text, positive) = Clause(random, negationRate);
            if (random.NextDouble() < contrastRate)
            {
                var (second, secondPositive) = Clause(random, negationRate);
                (text, positive) = ($"{text} but {second}", secondPositive);
            }
            reviews.Add(new Review(text, positive ? 1 : 0));
        }
        return reviews;
    }

    private static (string Text, bool Positive) Clause(Random random, double negationRate)
    {
        var positive = random.Next(2) == 0;
        var adjective = Pick(random, positive ? Positive : Negative);
        var negated = random.NextDouble() < negationRate;
        var text = random.Next(4) == 0
            ? $"i had a {(negated ? "not so " : "")}{adjective} time"
            : $"{Pick(random, Subjects)} was {(negated ? "not " : "")}{Pick(random, Adverbs)}{adjective}";
        return (text, positive != negated);
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];
}

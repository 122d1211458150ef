using Lectures.Data;
using TorchSharp;

namespace Lectures.Tests.Data;

[Trait("Category", "Toolkit")]
public class GeneratorTests
{
    [Fact]
    public void Adding_problem_marks_one_step_per_half_and_targets_their_sum()
    {
        var data = AddingProblem.Generate(50, length: 10, seed: 1);

        Assert.Equal(new long[] { 50, 10, 2 }, data.Inputs.shape);
        var values = data.Inputs[.., .., 0];
        var markers = data.Inputs[.., .., 1];
        Assert.True((markers[.., ..5].sum(1L) == 1).all().item<bool>());
        Assert.True((markers[.., 5..].sum(1L) == 1).all().item<bool>());
        var sums = (values * markers).sum(1L);
        Assert.True(torch.allclose(sums, data.Targets.squeeze(1)));
        Assert.Equal(AddingProblem.Generate(50, 10, seed: 1).Targets.data<float>().ToArray(), data.Targets.data<float>().ToArray());
    }

    [Fact]
    public void Copy_task_targets_repeat_the_symbols_after_the_delimiter()
    {
        var data = CopyTask.Generate(20, length: 3, gap: 4, symbols: 5, seed: 2);

        Assert.Equal(new long[] { 20, 10 }, data.Inputs.shape);
        Assert.True((data.Inputs[.., ..3] == data.Targets[.., 7..]).all().item<bool>());
        Assert.True((data.Inputs[.., 6] == 6).all().item<bool>());
        Assert.True((data.Targets[.., ..7] == 0).all().item<bool>());
        Assert.True((data.Inputs[.., ..3] >= 1).all().item<bool>() && (data.Inputs[.., ..3] <= 5).all().item<bool>());
        Assert.Equal(7, CopyTask.TokenCount(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => CopyTask.Generate(1, 3, gap: 0));
    }

    [Theory]
    [InlineData(0, "zero")]
    [InlineData(14, "fourteen")]
    [InlineData(40, "forty")]
    [InlineData(307, "three hundred seven")]
    [InlineData(1207, "one thousand two hundred seven")]
    [InlineData(9999, "nine thousand nine hundred ninety nine")]
    public void Numbers_translate_to_english_words(int number, string words) =>
        Assert.Equal(words, NumberTranslation.ToWords(number));

    [Fact]
    public void Number_translation_pairs_are_seeded_and_consistent()
    {
        var pairs = NumberTranslation.Generate(100, seed: 5);
        Assert.Equal(pairs, NumberTranslation.Generate(100, seed: 5));
        Assert.All(pairs, p => Assert.Equal(NumberTranslation.ToWords(int.Parse(p.Source)), p.Target));
        Assert.Contains(pairs, p => p.Source.Length != p.Target.Split(' ').Length);
    }

    [Fact]
    public void Random_walk_and_seasonal_series_are_seeded_and_shaped_as_asked()
    {
        var walk = RandomWalk.Generate(200, start: 50, seed: 3);
        Assert.Equal(50f, walk[0]);
        Assert.All(walk, p => Assert.True(p > 0));
        Assert.Equal(walk, RandomWalk.Generate(200, start: 50, seed: 3));
        Assert.NotEqual(walk, RandomWalk.Generate(200, start: 50, seed: 4));

        var clean = SeasonalSeries.Generate(48, period: 24, noise: 0, seed: 0);
        Assert.Equal(clean[0], clean[24], 5);
        Assert.Equal(1.0, clean[6], 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => SeasonalSeries.Generate(10, period: 1));
    }

    [Fact]
    public void Reviews_take_the_sentiment_of_the_last_clause_and_include_same_bag_pairs()
    {
        var reviews = RestaurantReviews.Generate(2000, seed: 0);
        Assert.InRange(reviews.Average(r => r.Label), 0.4, 0.6);
        Assert.Contains(reviews, r => r.Text.Contains(" but "));
        Assert.Contains(reviews, r => r.Text.Contains("not "));
        // Same multiset of words, different labels: the order matters.
        var bags = reviews.GroupBy(r => string.Join(' ', r.Text.Split(' ').Order()));
        Assert.Contains(bags, g => g.Select(r => r.Label).Distinct().Count() == 2);
        string[] positive = ["good", "great", "delicious", "friendly", "lovely", "excellent"];
        foreach (var r in reviews)
        {
            var last = r.Text.Split(" but ")[^1];
            var expected = positive.Any(a => last.EndsWith(" " + a) || last.Contains($" {a} time")) != last.Contains("not ");
            Assert.Equal(expected ? 1 : 0, r.Label);
        }
    }

    [Fact]
    public void Tagging_ambiguous_words_are_tagged_by_the_next_word()
    {
        var sentences = TaggingTask.Generate(500, seed: 1);
        var ambiguous = 0;
        foreach (var s in sentences)
        {
            Assert.Equal(s.Words.Length, s.Tags.Length);
            for (var i = 0; i < s.Words.Length; i++)
            {
                if (!TaggingTask.AmbiguousWords.Contains(s.Words[i])) continue;
                ambiguous++;
                Assert.True(i == 0 || s.Words[i - 1] == "and");
                Assert.Equal(s.Tags[i + 1] == "DET" ? "VERB" : "NOUN", s.Tags[i]);
            }
        }
        Assert.True(ambiguous > 200);
    }

    [Fact]
    public void Generators_without_a_seed_follow_kit_seed()
    {
        Kit.Seed(11);
        var first = AddingProblem.Generate(5, 6).Targets.data<float>().ToArray();
        Kit.Seed(11);
        var second = AddingProblem.Generate(5, 6).Targets.data<float>().ToArray();
        Assert.Equal(first, second);
    }
}

[Trait("Category", "Toolkit")]
public class NextWordTaskTests
{
    [Fact]
    public void The_last_word_never_tells_the_answer_but_the_subject_always_does()
    {
        var examples = NextWordTask.Generate(1000, seed: 0);

        Assert.All(examples, e => Assert.EndsWith(" in the", e.Context));
        var bestLastWordOnly = examples.GroupBy(e => e.Next).Max(g => g.Count()) / 1000.0;
        Assert.True(bestLastWordOnly < 0.35, $"a last-word-only guess would reach {bestLastWordOnly:P0}");
        var bySubject = examples.GroupBy(e => e.Context.Split(' ')[^4]);
        Assert.All(bySubject, g => Assert.Single(g.Select(e => e.Next).Distinct()));
        Assert.Equal(examples, NextWordTask.Generate(1000, seed: 0));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Lectures.Tests.Course;

/// <summary>10: padding and masks, a bag-of-words baseline beaten by a recurrent classifier where word order decides, embeddings vs one-hot.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook10Tests(CourseRun course)
{
    private const string Name = "10-sentiment.ipynb";

    [Fact]
    public void Lengths_keep_padding_out_of_the_final_state()
    {
        Assert.InRange(course.Number(Name, "max |h_T with lengths − h_T alone|:"), 0, 1e-5);
        Assert.True(course.Number(Name, "max |h_T ignoring lengths − h_T alone|:") > 0.01);
        Assert.Contains("padded batch: 3 × 10, lengths: 5, 10, 4", course.Text(Name));
    }

    [Fact]
    public void The_rnn_beats_the_bag_of_words_on_held_out_reviews()
    {
        var bag = course.Number(Name, "held-out accuracy (bag of words):");
        var rnn = course.Number(Name, "held-out accuracy (RNN):");
        Assert.InRange(bag, 0.55, 0.8);
        Assert.InRange(rnn, 0.97, 1);
        Assert.True(rnn - bag > 0.2, $"RNN {rnn} should beat the bag of words {bag} by far");
    }

    [Fact]
    public void The_bag_of_words_is_short_of_information_not_of_training()
    {
        var text = course.Text(Name);
        var before = Regex.Match(text, @"after 30 epochs: training accuracy (?<t>[\d.]+), held-out accuracy (?<v>[\d.]+)");
        var after = Regex.Match(text, @"after 1,000 full-batch steps more: training accuracy (?<t>[\d.]+), held-out accuracy (?<v>[\d.]+)");
        Assert.True(before.Success && after.Success, "the longer bag-of-words run printed no accuracies");
        double Value(Match m, string g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        Assert.InRange(Value(after, "t"), 0, Value(after, "v") + 0.02);             // training no better than held out
        Assert.InRange(Math.Abs(Value(after, "v") - Value(before, "v")), 0, 0.03);    // 1,000 more steps barely move it
        Assert.InRange(Value(after, "v"), 0, 0.8);
    }

    [Fact]
    public void The_bag_of_words_fails_on_negation_where_the_rnn_does_not()
    {
        var row = Regex.Match(course.Text(Name), @"one clause with not\s+\d+\s+(?<bag>[\d.]+)\s+(?<rnn>[\d.]+)");
        Assert.True(row.Success, "the accuracy-by-kind table has no negation row");
        Assert.InRange(double.Parse(row.Groups["bag"].Value, CultureInfo.InvariantCulture), 0, 0.5);
        Assert.InRange(double.Parse(row.Groups["rnn"].Value, CultureInfo.InvariantCulture), 0.95, 1);
    }

    [Fact]
    public void The_rnn_gets_every_order_sensitive_case_and_the_bag_of_words_cannot()
    {
        var text = course.Text(Name);
        Assert.Contains("order-sensitive cases right (RNN): 7/7", text);
        Assert.InRange(course.Number(Name, "order-sensitive cases right (bag of words):"), 0, 4);
        Assert.Matches(@"the waiter was annoying but i had a good time\s+positive\s+negative ✗\s+positive", text);
    }

    [Fact]
    public void Embeddings_match_one_hot_accuracy_with_fewer_parameters_and_smaller_batches()
    {
        var v = (long)course.Number(Name, "vocabulary:");
        const long e = 16, h = 32;
        long Gru(long input) => 3 * h * (input + h) + 2 * 3 * h;
        var head = h * 2 + 2;
        var text = course.Text(Name);
        var embedded = Row(text, "embeddings");
        var oneHot = Row(text, "one-hot");
        Assert.Equal(v * e + Gru(e) + head, embedded.Parameters);
        Assert.Equal(Gru(v) + head, oneHot.Parameters);
        Assert.InRange(embedded.Accuracy, 0.97, 1);
        Assert.InRange(oneHot.Accuracy, 0.97, 1);
        Assert.Equal(oneHot.Inputs * e, embedded.Inputs * v);
        Assert.Equal(625, course.Number(Name, "at |V| = 10,000:"));
    }

    private static (double Accuracy, long Parameters, long Inputs) Row(string text, string name)
    {
        var m = Regex.Match(text, Regex.Escape(name) + @":\s+held-out accuracy (?<a>[\d.]+), parameters\s+(?<p>\d+), input numbers per batch of 32:\s+(?<i>\d+)");
        Assert.True(m.Success, $"no {name} row");
        return (double.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Lectures.Tests.Course;

/// <summary>11: a tagger that reads left to right cannot tag the words that need right context; a bidirectional one can.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook11Tests(CourseRun course)
{
    private const string Name = "11-tagging.ipynb";

    [Fact]
    public void Only_the_bidirectional_tagger_sees_the_next_word_at_step_one()
    {
        Assert.Equal(0, course.Number(Name, "step-1 output difference (unidirectional):"));
        Assert.True(course.Number(Name, "step-1 output difference (bidirectional):") > 1e-3);
    }

    [Fact]
    public void Bidirectional_beats_unidirectional()
    {
        var forward = course.Number(Name, "accuracy (unidirectional):");
        var both = course.Number(Name, "accuracy (bidirectional):");
        Assert.InRange(both, 0.98, 1);
        Assert.InRange(forward, 0.8, 0.95);
        Assert.True(both - forward > 0.05, $"bidirectional {both} should clearly beat unidirectional {forward}");
    }

    [Fact]
    public void The_gap_is_on_the_words_that_need_right_context()
    {
        var share = course.Number(Name, "share of held-out words that need right context:");
        Assert.InRange(share, 0.1, 0.3);
        var forward = Row("unidirectional");
        var both = Row("bidirectional");
        Assert.InRange(forward.NeedsRight, 0.3, 0.7);        // a coin flip between noun and verb
        Assert.InRange(forward.Others, 0.98, 1);
        Assert.InRange(both.NeedsRight, 0.98, 1);
        Assert.InRange(both.Others, 0.98, 1);
    }

    [Fact]
    public void The_example_sentence_is_tagged_right_only_by_the_bidirectional_tagger()
    {
        var text = course.Text(Name);
        Assert.Matches(@"bidirectional\s+VERB\(\S+\)\s+DET\(\S+\)\s+NOUN\(\S+\)\s+CONJ\(\S+\)\s+NOUN\(\S+\)\s+VERB\(\S+\)\s+ADV", text);
        Assert.Contains("parameters: unidirectional 5479, bidirectional 10503", text);
    }

    private (double NeedsRight, double Others) Row(string name)
    {
        var m = Regex.Match(course.Text(Name), Regex.Escape(name) + @": accuracy on words needing right context (?<a>[\d.]+), on the other words (?<b>[\d.]+)");
        Assert.True(m.Success, $"no accuracy row for {name}");
        return (double.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture));
    }
}

using System.Text.RegularExpressions;

namespace Lectures.Tests.Course;

/// <summary>12: an encoder-decoder translating digits to English words, decoded greedily and by beam search.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook12Tests(CourseRun course)
{
    private const string Name = "12-seq2seq.ipynb";

    [Fact]
    public void Inputs_and_outputs_have_different_lengths()
    {
        var text = course.Text(Name);
        Assert.Contains("input lengths 1–4, output lengths 1–6 words", text);
        Assert.Matches(@"training sources \d+ × 4, targets \d+ × 7", text);
    }

    [Fact]
    public void Teacher_forced_training_learns_the_words()
    {
        Assert.InRange(course.Number(Name, "teacher-forced word accuracy (held out) after 8 epochs:"), 0.97, 1);
    }

    [Fact]
    public void Greedy_and_beam_search_translate_unseen_numbers_exactly()
    {
        var greedy = course.Number(Name, "exact match (greedy):");
        var beam = course.Number(Name, "exact match (beam, width 3):");
        Assert.InRange(greedy, 0.85, 1);
        Assert.InRange(beam, 0.85, 1);
        Assert.True(beam >= greedy - 0.02, $"beam {beam} should not fall far below greedy {greedy}");
        Assert.Contains("beam's log-probability is never lower: True", course.Text(Name));
    }

    [Fact]
    public void The_examples_table_shows_inputs_targets_and_both_decodings()
    {
        var text = course.Text(Name);
        Assert.Matches(@"input\s+target\s+greedy\s+beam \(width 3\)", text);
        var rows = Regex.Matches(text, @"^\d{1,4}\s{2,}[a-z ]+?\s{2,}[a-z ]+?( ✗)?\s{2,}[a-z ]+?( ✗)?$", RegexOptions.Multiline);
        Assert.InRange(rows.Count, 6, 20);
        Assert.Matches(@"(?m)^9932\s+nine thousand nine hundred thirty two\s+nine thousand nine hundred thirty two\s+nine thousand nine hundred thirty two$", text);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Lectures.Tests.Course;

/// <summary>
/// 12: an encoder-decoder translating digits to English words, decoded greedily and by beam search, scored by exact
/// match and corpus BLEU-4, and beam search with and without length normalisation across widths.
/// </summary>
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

    [Fact]
    public void Bleu_gives_partial_credit_above_exact_match_and_ranks_the_decoders_alike()
    {
        var (greedy, beam) = (course.Number(Name, "BLEU-4 (greedy):"), course.Number(Name, "BLEU-4 (beam, width 3):"));
        var (greedyExact, beamExact) = (course.Number(Name, "exact match (greedy):"), course.Number(Name, "exact match (beam, width 3):"));
        Assert.InRange(greedy, greedyExact + 0.01, 1);
        Assert.InRange(beam, beamExact + 0.01, 1);
        Assert.Equal(beamExact >= greedyExact, beam >= greedy);
        foreach (Match m in Regex.Matches(course.Text(Name), @"brevity penalty (?<bp>[\d.]+) \(c = (?<c>\d+), r = (?<r>\d+)\)"))
        {
            var (c, r) = (double.Parse(m.Groups["c"].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups["r"].Value, CultureInfo.InvariantCulture));
            var expected = c > r ? 1 : Math.Exp(1 - r / c);                // Papineni et al.'s BP from the printed lengths
            Assert.Equal(expected, double.Parse(m.Groups["bp"].Value, CultureInfo.InvariantCulture), 3);
            Assert.True(c > r, "the prose says the outputs are, in total, a little longer than the references");
        }
    }

    [Fact]
    public void One_sentence_has_no_trigram_match_so_its_bleu_is_zero()
    {
        Assert.Contains("one sentence, \"two hundred two\" for \"two hundred twenty\": matches 2/3, 1/2, 0/1, 0/0 (n = 1–4), BLEU-4 0.000",
            course.Text(Name));
    }

    private sealed record Row(int Width, double Alpha, double Exact, double Bleu, double Words, int Shorter);

    private List<Row> Sweep() => Regex.Matches(course.Text(Name),
            @"(?m)^(?<w>\d+)\s+(?<a>[01]\.0)\s+(?<e>[\d.]+)\s+(?<b>[\d.]+)\s+(?<m>[\d.]+)\s+(?<s>\d+)$")
        .Select(m => new Row(int.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture), D(m, "a"), D(m, "e"), D(m, "b"), D(m, "m"),
            int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture))).ToList();

    private static double D(Match m, string group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void The_sweep_decodes_three_widths_with_and_without_normalisation_and_agrees_with_the_cells_above()
    {
        var rows = Sweep();
        Assert.Equal([(1, 0.0), (3, 0.0), (3, 1.0), (10, 0.0), (10, 1.0)], rows.Select(r => (r.Width, r.Alpha)));
        Assert.Equal(course.Number(Name, "exact match (greedy):"), rows[0].Exact);
        Assert.Equal(course.Number(Name, "exact match (beam, width 3):"), rows[1].Exact);
        Assert.Equal(course.Number(Name, "BLEU-4 (greedy):"), rows[0].Bleu);
    }

    [Fact]
    public void Normalisation_changes_little_here_because_the_outputs_are_not_too_short()
    {
        var rows = Sweep();
        var (plain, normalised) = (rows.Single(r => r is { Width: 3, Alpha: 0 }), rows.Single(r => r is { Width: 3, Alpha: 1 }));
        Assert.True(normalised.Exact >= plain.Exact && normalised.Bleu >= plain.Bleu, "normalisation should not lose answers at width 3");
        Assert.True(normalised.Shorter <= plain.Shorter, "normalisation should not make more outputs too short");
        Assert.Equal(rows.Single(r => r is { Width: 3, Alpha: 0 }) with { Width = 10 }, rows.Single(r => r is { Width: 10, Alpha: 0 }));
        Assert.Equal(rows.Single(r => r is { Width: 3, Alpha: 1 }) with { Width = 10 }, rows.Single(r => r is { Width: 10, Alpha: 1 }));
        var targets = course.Number(Name, "mean words in the targets:");
        Assert.All(rows, r => Assert.True(r.Words >= targets, $"width {r.Width}, α {r.Alpha}: mean {r.Words} words, targets {targets}"));
        var changed = course.Number(Name, "width 3: normalisation changes");
        Assert.InRange(changed, 1, 5);
        Assert.Contains("1145: α = 0 gives \"one thousand one hundred fifty\", α = 1 gives \"one thousand one hundred forty five\" " +
                        "(target \"one thousand one hundred forty five\")", course.Text(Name));
    }
}

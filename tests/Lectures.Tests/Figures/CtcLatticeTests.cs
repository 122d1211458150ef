using System.Globalization;
using Lectures.Figures.Ctc;
using Lectures.Figures.Figures;
using Lectures.Tests.Support;

namespace Lectures.Tests.Figures;

/// <summary>
/// The lattice the CTC figure draws, checked against brute force: every string over the word's letters and the
/// blank is an alignment exactly when it collapses to the word.
/// </summary>
[Trait("Category", "Figures")]
public class CtcLatticeTests
{
    public static TheoryData<string, int> Words => new() { { "cat", 9 }, { "cat", 3 }, { "cat", 2 }, { "hello", 7 }, { "aa", 4 }, { "a", 1 } };

    [Theory, MemberData(nameof(Words))]
    public void Counts_exactly_the_strings_that_collapse_to_the_word(string word, int steps)
    {
        var alignments = Alignments(word, steps).ToList();
        Assert.Equal(alignments.Count, new CtcLattice(word, steps).CountAlignments());
    }

    [Theory, MemberData(nameof(Words))]
    public void A_node_is_on_some_alignment_exactly_when_an_alignment_visits_it_by_allowed_moves(string word, int steps)
    {
        var lattice = new CtcLattice(word, steps);
        var visited = new HashSet<(int, int)>();
        foreach (var alignment in Alignments(word, steps))
        {
            var states = lattice.StatesOf(alignment);
            Assert.InRange(states[0], 0, 1);
            Assert.InRange(states[^1], lattice.States.Length - 2, lattice.States.Length - 1);
            for (var t = 0; t < steps; t++)
            {
                Assert.Equal(alignment[t], lattice.States[states[t]]);
                if (t > 0) Assert.True(lattice.CanMove(states[t - 1], states[t]), $"{alignment}: {states[t - 1]} → {states[t]} at column {t}");
                visited.Add((t, states[t]));
            }
        }
        for (var t = 0; t < steps; t++)
            for (var s = 0; s < lattice.States.Length; s++)
                Assert.Equal(visited.Contains((t, s)), lattice.IsOnSomeAlignment(t, s));
    }

    [Fact]
    public void Refuses_an_alignment_of_another_word_or_length()
    {
        var lattice = new CtcLattice("cat", 9);
        Assert.Contains("spells \"caa\"", Assert.Throws<ArgumentException>(() => lattice.StatesOf("cc-a--aa-")).Message);
        Assert.Contains("has 3 columns, the lattice 9", Assert.Throws<ArgumentException>(() => lattice.StatesOf("cat")).Message);
        Assert.Throws<ArgumentException>(() => new CtcLattice("c-t", 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CtcLattice("cat", 0));
    }

    [Fact]
    public void The_figure_draws_notebook_14s_alignment_and_states_the_number_of_alignments()
    {
        var notebook = File.ReadAllText(Repo.Path("notebooks", "14-scene-text.ipynb"));
        Assert.Contains($"\\\"{CtcAlignmentLattice.Alignment}\\\" → \\\"{CtcAlignmentLattice.Word}\\\"", notebook);
        var count = Alignments(CtcAlignmentLattice.Word, CtcAlignmentLattice.Alignment.Length).Count();
        var svg = File.ReadAllText(Repo.Path("notebooks", "figures", "ctc-lattice.svg"));
        Assert.Contains($"in all, {count.ToString("N0", CultureInfo.InvariantCulture)} alignments spell", svg);
    }

    /// <summary>The word an alignment spells, written independently of the lattice: keep the first label of each run.</summary>
    private static string Spells(string alignment)
    {
        var word = new System.Text.StringBuilder();
        for (var t = 0; t < alignment.Length; t++)
            if (alignment[t] != CtcLattice.Blank && (t == 0 || alignment[t] != alignment[t - 1])) word.Append(alignment[t]);
        return word.ToString();
    }

    /// <summary>Every string of <paramref name="steps"/> labels (the word's letters and the blank) that collapses to the word.</summary>
    private static IEnumerable<string> Alignments(string word, int steps)
    {
        var labels = (CtcLattice.Blank + new string(word.Distinct().ToArray())).ToCharArray();
        var total = (long)Math.Pow(labels.Length, steps);
        var buffer = new char[steps];
        for (long code = 0; code < total; code++)
        {
            var rest = code;
            for (var t = steps - 1; t >= 0; t--, rest /= labels.Length) buffer[t] = labels[rest % labels.Length];
            var candidate = new string(buffer);
            if (Spells(candidate) == word) yield return candidate;
        }
    }
}

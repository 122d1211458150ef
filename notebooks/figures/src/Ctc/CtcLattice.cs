namespace Lectures.Figures.Ctc;

/// <summary>
/// The CTC alignment lattice of a word over <paramref name="steps"/> columns: the states are the word's letters with
/// a blank before, between and after them ("-c-a-t-"); an alignment moves one column to the right at a time and
/// stays on its state, goes to the next, or skips a blank between two different letters. It starts in one of the
/// first two states and ends in one of the last two.
/// </summary>
/// <param name="word">The target, e.g. <c>cat</c>; no blanks in it.</param>
/// <param name="steps">The number of columns T.</param>
public sealed class CtcLattice(string word, int steps)
{
    /// <summary>The blank, as notebook 14 writes it in alignments such as "cc-a--tt-".</summary>
    public const char Blank = '-';

    /// <summary>The states top to bottom: blank, first letter, blank, …, last letter, blank.</summary>
    public string States { get; } = Blank + string.Concat(Check(word).Select(c => $"{c}{Blank}"));

    /// <summary>The number of columns.</summary>
    public int Steps { get; } = steps > 0 ? steps : throw new ArgumentOutOfRangeException(nameof(steps), steps, "a lattice needs at least one column");

    /// <summary>Whether an alignment may go from state <paramref name="from"/> to <paramref name="to"/> in one column.</summary>
    public bool CanMove(int from, int to) =>
        to == from || to == from + 1 || (to == from + 2 && States[to] != Blank && States[to] != States[from]);

    /// <summary>Whether some alignment passes through state <paramref name="state"/> at column <paramref name="t"/> (from 0).</summary>
    public bool IsOnSomeAlignment(int t, int state) => Forward()[t, state] > 0 && Backward()[t, state] > 0;

    /// <summary>How many alignments of the word to the columns there are: the paths through the lattice.</summary>
    public long CountAlignments()
    {
        var forward = Forward();
        return forward[Steps - 1, States.Length - 1] + (States.Length > 1 ? forward[Steps - 1, States.Length - 2] : 0);
    }

    /// <summary>The state of every column on <paramref name="alignment"/> (e.g. "cc-a--tt-"), checked against the lattice.</summary>
    public int[] StatesOf(string alignment)
    {
        if (alignment.Length != Steps)
            throw new ArgumentException($"the alignment \"{alignment}\" has {alignment.Length} columns, the lattice {Steps}", nameof(alignment));
        if (Collapse(alignment) != States.Replace(Blank.ToString(), ""))
            throw new ArgumentException($"the alignment \"{alignment}\" spells \"{Collapse(alignment)}\", not \"{States.Replace(Blank.ToString(), "")}\"", nameof(alignment));
        var states = new int[Steps];
        states[0] = alignment[0] == Blank ? 0 : 1;
        for (var t = 1; t < Steps; t++)
        {
            var state = states[t - 1];
            // A repeat stays on its state; a new label is the next state, or the one after a skipped blank.
            states[t] = alignment[t] == alignment[t - 1] ? state : States[state + 1] == alignment[t] ? state + 1 : state + 2;
        }
        return states;
    }

    /// <summary>What an alignment spells: repeated labels merged, then blanks dropped ("cc-a--tt-" → "cat").</summary>
    public static string Collapse(string alignment) =>
        string.Concat(alignment.Where((c, t) => c != Blank && (t == 0 || c != alignment[t - 1])));

    /// <summary>The number of paths from a start state to each node (column, state).</summary>
    private long[,] Forward()
    {
        var count = new long[Steps, States.Length];
        count[0, 0] = 1;
        if (States.Length > 1) count[0, 1] = 1;
        for (var t = 1; t < Steps; t++)
            for (var to = 0; to < States.Length; to++)
                for (var from = Math.Max(0, to - 2); from <= to; from++)
                    if (CanMove(from, to)) count[t, to] += count[t - 1, from];
        return count;
    }

    /// <summary>The number of paths from each node (column, state) to an end state.</summary>
    private long[,] Backward()
    {
        var count = new long[Steps, States.Length];
        count[Steps - 1, States.Length - 1] = 1;
        if (States.Length > 1) count[Steps - 1, States.Length - 2] = 1;
        for (var t = Steps - 2; t >= 0; t--)
            for (var from = 0; from < States.Length; from++)
                for (var to = from; to <= Math.Min(States.Length - 1, from + 2); to++)
                    if (CanMove(from, to)) count[t, from] += count[t + 1, to];
        return count;
    }

    private static string Check(string word) =>
        string.IsNullOrEmpty(word) || word.Contains(Blank)
            ? throw new ArgumentException($"a CTC target is a non-empty word without the blank '{Blank}', got \"{word}\"", nameof(word))
            : word;
}

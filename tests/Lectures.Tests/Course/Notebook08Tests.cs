namespace Lectures.Tests.Course;

/// <summary>08: the GRU's equations equal the cell; parameter counts; on the long-range task the GRU and the carefully initialised RNN beat the default RNN.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook08Tests(CourseRun course)
{
    private const string Name = "08-gru-and-choosing.ipynb";

    [Fact]
    public void Gru_equations_equal_the_library_cell_and_torchsharp()
    {
        Assert.InRange(course.Number(Name, "max |equations − GruCell|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |GruCell − TorchSharp|:"), 0, 1e-12);
    }

    [Fact]
    public void Gates_set_by_hand_copy_the_state_or_ignore_it()
    {
        Assert.InRange(course.Number(Name, "max |h_100 − h_0| ="), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |h_1 from h_0 − h_1 from another h_0| ="), 0, 1e-12);
    }

    [Fact]
    public void Parameter_counts_are_one_three_and_four_blocks()
    {
        var text = course.Text(Name);
        Assert.Contains("parameters (vanilla RNN, n = 32, d = 128): 20736, per memory unit: 162", text);   // 128·(32 + 128) + 2·128
        Assert.Contains("parameters (GRU, n = 32, d = 128): 62208, per memory unit: 486", text);
        Assert.Contains("parameters (LSTM, n = 32, d = 128): 82944, per memory unit: 648", text);
    }

    [Fact]
    public void Gated_and_carefully_initialised_cells_beat_the_default_rnn_at_the_longest_gap()
    {
        var rnn = course.Number(Name, "accuracy at gap 40 (vanilla RNN):");
        var identity = course.Number(Name, "accuracy at gap 40 (vanilla RNN, identity init):");
        var gru = course.Number(Name, "accuracy at gap 40 (GRU):");
        var lstm = course.Number(Name, "accuracy at gap 40 (LSTM):");
        Assert.InRange(rnn, 0, 0.4);                                // chance is 0.25
        Assert.InRange(gru, 0.9, 1);
        Assert.True(Math.Max(gru, lstm) > rnn + 0.5, $"gated {gru}/{lstm} vs vanilla {rnn}");
        Assert.True(identity > rnn + 0.5, $"identity init {identity} vs default {rnn}");
        Assert.Matches(@"(?m)^5\s+1\.000\s+1\.000\s+1\.000\s+1\.000", course.Text(Name));   // short gaps are easy for all four
    }
}

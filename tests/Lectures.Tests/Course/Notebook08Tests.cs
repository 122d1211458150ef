namespace Lectures.Tests.Course;

/// <summary>08: the GRU's equations equal the cell and the lecture's z is PyTorch's 1 − z; parameter counts; on the copy task the GRU, the identity-initialised RNN and the chrono-initialised LSTM solve gaps 20 and 40 where the default RNN and LSTM stay at chance.</summary>
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
    public void The_lectures_z_is_one_minus_pytorchs_and_the_reset_placement_is_a_different_function()
    {
        Assert.InRange(course.Number(Name, "max |lecture's interpolation with z′ = 1 − z − GruCell|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |lecture's interpolation with z′ = z − GruCell|:"), 1e-3, 10);
        Assert.InRange(course.Number(Name, "max |candidate, reset before the product − reset after it|:"), 1e-3, 2);
    }

    [Fact]
    public void Gated_cells_beat_the_default_rnn_at_gaps_20_and_40_and_the_lstm_needs_its_gates_started_for_the_gap()
    {
        double At(int gap, string model) => course.Number(Name, $"accuracy at gap {gap} ({model}):");
        foreach (var gap in new[] { 20, 40 })
        {
            Assert.InRange(At(gap, "vanilla RNN"), 0, 0.3);                            // chance is 0.25
            Assert.Equal(1, At(gap, "GRU"));
            Assert.Equal(1, At(gap, "LSTM, chrono init"));
            Assert.Equal(1, At(gap, "vanilla RNN, identity init"));
            Assert.InRange(At(gap, "LSTM"), 0, 0.3);                                   // PyTorch's start: f ≈ 0.5
            Assert.InRange(At(gap, "LSTM, forget bias 1"), 0, 0.3);
        }
        Assert.Equal(0.75, course.Number(Name, "margin at gap 40 over the vanilla RNN: GRU"), 3);
        Assert.Equal(0.75, course.Number(Name, "LSTM with chrono init"), 3);
        var text = course.Text(Name);
        Assert.Matches(@"(?m)^5\s+1\.000\s+1\.000\s+1\.000\s+1\.000\s+1\.000\s+1\.000", text);   // short gaps are easy for all six
        Assert.Matches(@"(?m)^10\s+0\.\d+\s+1\.000\s+1\.000\s+0\.750\s+1\.000\s+1\.000", text);  // forget bias 1 is enough for gap 10
        Assert.Contains("initial forget gate (PyTorch): f = 0.500, kept after T steps: f^T = 2.3E-013", text);
        Assert.Contains("initial forget gate (chrono): f = 0.976, kept after T steps: f^T = 3.6E-001", text);
        Assert.Contains("accuracy at gap 40 (LSTM, chrono init): 1.000, 100% from epoch: 14", text);
        Assert.Contains("accuracy at gap 40 (GRU): 1.000, 100% from epoch: 10", text);
    }
}

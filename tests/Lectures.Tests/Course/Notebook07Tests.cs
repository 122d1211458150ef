namespace Lectures.Tests.Course;

/// <summary>07: the LSTM's equations, stacked form and gate table are exact; the trained LSTM's gradient reaches further back than the RNN's until its gates are forced shut.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook07Tests(CourseRun course)
{
    private const string Name = "07-lstm.ipynb";

    [Fact]
    public void Gates_are_masks_and_their_slopes_are_the_textbook_ones()
    {
        var text = course.Text(Name);
        Assert.Contains("gate σ(z): [0.5000, 0.0000, 0.2000, 1.0000]", text);
        Assert.Contains("values ⊙ gate: [3.5000, 0.0000, 2.0000, 9.0000]", text);
        Assert.Contains("max σ′: 0.2500, max tanh′: 1.0000", text);
        Assert.InRange(course.Number(Name, "max |autograd σ′ − σ(1 − σ)|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |autograd tanh′ − (1 − tanh²)|:"), 0, 1e-12);
    }

    [Fact]
    public void Gate_equations_and_the_stacked_form_equal_the_library_cell_and_torchsharp()
    {
        Assert.InRange(course.Number(Name, "max |equations − LstmCell|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |LstmCell − TorchSharp|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |stacked form − LstmCell|:"), 0, 1e-12);
        Assert.Contains("W: 8 × 5 (4d × (d + n) with d = 2, n = 3)", course.Text(Name));
    }

    [Fact]
    public void Without_a_forget_gate_the_cell_state_piles_up_and_saturates()
    {
        Assert.Contains("parameters, original LSTM: 312, popular LSTM: 416", course.Text(Name));   // 3 vs 4 blocks of 8·(3 + 8) + 2·8
        var original = course.Number(Name, "‖c_300‖ original:");
        var popular = course.Number(Name, "popular:");
        Assert.True(original > 10 * popular, $"original {original} vs popular {popular}");
        Assert.InRange(course.Number(Name, "saturated units (|tanh c| > 0.99) at t = 300, original:"), 4, 8);
    }

    [Fact]
    public void Setting_the_gates_by_hand_reproduces_the_lecture_table()
    {
        var text = course.Text(Name);
        Assert.Matches(@"0\s+1\s+remember the previous value\s+2\.0000", text);
        Assert.Matches(@"1\s+1\s+add to the previous value\s+2\.5000", text);
        Assert.Matches(@"0\s+0\s+erase the value\s+0\.0000", text);
        Assert.Matches(@"1\s+0\s+overwrite the value\s+0\.5000", text);
    }

    [Fact]
    public void The_trained_models_learned_and_some_forget_gates_stay_open()
    {
        var lstm = course.Number(Name, "training loss after 4 epochs (LSTM):");
        Assert.InRange(lstm, 0.5, Math.Log(60) - 1.5);                       // far below the uniform guess ln 60 = 4.09
        Assert.InRange(course.Number(Name, "(vanilla RNN):"), 0.5, Math.Log(60) - 1.5);
        Assert.InRange(course.Number(Name, "units with mean above 0.9:"), 1, 32);
    }

    [Fact]
    public void The_lstm_gradient_reaches_further_back_until_its_gates_are_forced_like_a_vanilla_rnn()
    {
        var rnn = course.Number(Name, "gradient norm at distance 50 (vanilla RNN):");
        var lstm = course.Number(Name, "gradient norm at distance 50 (LSTM):");
        var forced = course.Number(Name, "gradient norm at distance 50 (LSTM, always forget and output):");
        Assert.True(lstm > 1e3 * rnn, $"LSTM {lstm} vs RNN {rnn}");
        Assert.True(forced < 1e-3 * lstm && forced <= 10 * rnn, $"forced {forced} vs LSTM {lstm} and RNN {rnn}");
        Assert.InRange(course.Number(Name, "max |c_t − i_t ⊙ c̃_t| with f = 0:"), 0, 1e-6);
        Assert.InRange(course.Number(Name, "max |h_t − tanh(c_t)| with o = 1:"), 0, 1e-6);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Lectures.Tests.Course;

/// <summary>09: "hello" learned exactly with the lecture's sizes; temperature sharpens or flattens; on Genesis a gated cell beats the vanilla RNN's perplexity.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook09Tests(CourseRun course)
{
    private const string Name = "09-char-language-model.ipynb";

    [Fact]
    public void Hello_is_predicted_exactly_with_the_lectures_sizes()
    {
        var text = course.Text(Name);
        Assert.Contains("vocabulary: e, h, l, o (4 characters)", text);
        Assert.Contains("W = [W_hh W_xh]: 3 × 7, W_hy: 4 × 3", text);
        Assert.Contains("predicted: ello", text);
        Assert.InRange(course.Number(Name, "final loss:"), 0, 0.05);
    }

    [Fact]
    public void Lower_temperature_sharpens_the_distribution()
    {
        var text = course.Text(Name);
        double P(string temperature) => double.Parse(Regex.Match(text, $@"τ = {Regex.Escape(temperature)}: .*p\(o\) = (?<p>[\d.]+)").Groups["p"].Value, CultureInfo.InvariantCulture);
        var (cold, normal, hot) = (P("0.5"), P("1.0"), P("3.0"));
        Assert.True(cold > normal && normal > hot, $"p(o): {cold} > {normal} > {hot}");
        Assert.Matches(@"samples at τ = 0\.5: hello  hello  hello  hello", text);
    }

    [Fact]
    public void A_gated_cell_beats_the_vanilla_rnn_on_genesis()
    {
        var rnn = course.Number(Name, "validation perplexity (vanilla RNN):");
        var gru = course.Number(Name, "validation perplexity (GRU):");
        var lstm = course.Number(Name, "validation perplexity (LSTM):");
        foreach (var p in new[] { rnn, gru, lstm }) Assert.InRange(p, 1, 12);   // uniform guessing scores 60
        Assert.True(Math.Min(gru, lstm) < rnn, $"GRU {gru}, LSTM {lstm}, vanilla RNN {rnn}");
    }

    [Fact]
    public void Every_model_generates_a_sample()
    {
        var text = course.Text(Name);
        foreach (var name in new[] { "vanilla RNN", "GRU", "LSTM" })
            Assert.Matches($@"--- {Regex.Escape(name)} ---\n.{{150,}}", text);
    }
}

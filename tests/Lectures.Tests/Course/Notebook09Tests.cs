using System.Globalization;
using System.Text.RegularExpressions;

namespace Lectures.Tests.Course;

/// <summary>09: "hello" learned exactly with the lecture's sizes; temperature sharpens or flattens; on Genesis, trained statefully in chunks, both gated cells beat the vanilla RNN's validation perplexity by the printed margins and the samples improve as training goes.</summary>
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
    public void Both_gated_cells_beat_the_vanilla_rnn_by_the_printed_margins_after_stateful_training()
    {
        var rnn = course.Number(Name, "validation perplexity (vanilla RNN):");
        var gru = course.Number(Name, "validation perplexity (GRU):");
        var lstm = course.Number(Name, "validation perplexity (LSTM):");
        foreach (var p in new[] { rnn, gru, lstm }) Assert.InRange(p, 1, 6);     // uniform guessing scores 60
        Assert.True(gru < lstm && lstm < rnn, $"GRU {gru}, LSTM {lstm}, vanilla RNN {rnn}");
        Assert.Equal(Math.Round(rnn - gru, 2), course.Number(Name, "vanilla RNN − GRU:"), 2);
        Assert.Equal(Math.Round(rnn - lstm, 2), course.Number(Name, "vanilla RNN − LSTM:"), 2);
        Assert.Contains("training streams: 32 × 5535 characters, 87 chunks of 64 per epoch", course.Text(Name));
        var byEpoch = Regex.Match(course.Text(Name), @"validation perplexity by epoch \(LSTM\): (?<p>[\d., ]+)").Groups["p"].Value
            .Split(", ").Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(5, byEpoch.Length);
        Assert.True(byEpoch.Zip(byEpoch.Skip(1)).All(pair => pair.Second < pair.First), string.Join(", ", byEpoch));
    }

    [Fact]
    public void The_stateful_models_samples_improve_as_it_trains()
    {
        var samples = Regex.Matches(course.Text(Name), @"(?m)^after +(?<n>\d+) chunks: (?<s>.*)$")
            .Select(m => (Chunks: int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), Text: m.Groups["s"].Value)).ToList();
        Assert.Equal(new[] { 10, 40, 87, 174, 261, 348, 435 }, samples.Select(s => s.Chunks));
        var words = Lectures.Data.DataFiles.Genesis().SelectMany(Words).ToHashSet();
        double Real(string sample) { var w = Words(sample).ToList(); return w.Count == 0 ? 0 : w.Count(words.Contains) / (double)w.Count; }
        var first = Real(samples[0].Text);
        var last = samples.Skip(4).Average(s => Real(s.Text));
        Assert.True(first < 0.4 && last > first + 0.25, $"share of real Genesis words: first sample {first:F2}, last three {last:F2}");
    }

    [Fact]
    public void Every_model_generates_a_sample()
    {
        var text = course.Text(Name);
        foreach (var name in new[] { "vanilla RNN", "GRU", "LSTM" })
            Assert.Matches($@"--- {Regex.Escape(name)} ---\n(?:.|\n(?!\n)){{200}}", text);   // 200 characters before the blank line
    }

    [Fact]
    public void Counting_contexts_helps_up_to_the_4_gram_and_only_the_gru_beats_it()
    {
        double Ngram(int n) => course.Number(Name, $"{n}-gram (add-0.1 smoothing): validation perplexity");
        var p = Enumerable.Range(1, 6).Select(Ngram).ToArray();
        Assert.True(p[0] > p[1] && p[1] > p[2] && p[2] > p[3], string.Join(", ", p));
        Assert.True(p[4] > p[3] && p[5] > p[4], $"longer contexts are too rare: {string.Join(", ", p)}");
        Assert.Contains("best n-gram: n = 4, validation perplexity 4.22", course.Text(Name));
        var best = p[3];
        Assert.True(course.Number(Name, "validation perplexity (GRU):") < best);
        Assert.True(course.Number(Name, "validation perplexity (LSTM):") > best);
        Assert.True(course.Number(Name, "validation perplexity (vanilla RNN):") > best);
    }

    [Fact]
    public void Carrying_the_state_at_evaluation_helps_and_the_partitioning_hardly_matters_for_the_vanilla_rnn()
    {
        var text = course.Text(Name);
        (double Carried, double Reset) Row(string how)
        {
            var m = Regex.Match(text, $@"vanilla RNN trained on {Regex.Escape(how)}: validation perplexity (?<c>[\d.]+) with the state carried, (?<r>[\d.]+) reset");
            Assert.True(m.Success, how);
            return (double.Parse(m.Groups["c"].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups["r"].Value, CultureInfo.InvariantCulture));
        }
        var sequential = Row("sequential streams, state carried");
        var random = Row("random windows, zero states");
        Assert.True(sequential.Carried < sequential.Reset && random.Carried < random.Reset);
        Assert.InRange(Math.Abs(sequential.Carried - random.Carried), 0, 0.1);
        Assert.Equal(course.Number(Name, "validation perplexity (vanilla RNN):"), sequential.Carried, 2);   // FitStream's own validation
        Assert.Contains("random windows: 2767 of 64, 87 batches of 32 per epoch", text);
    }

    [Fact]
    public void Predicting_further_ahead_from_its_own_output_loses_accuracy()
    {
        double At(int k) => course.Number(Name, $"k = {k,2}:");
        Assert.True(At(1) > At(2) && At(2) > At(4) && At(4) > At(8), $"{At(1)} > {At(2)} > {At(4)} > {At(8)}");
        Assert.InRange(At(1), 0.5, 0.8);
        Assert.InRange(At(16), 0, 0.2);
    }

    private static IEnumerable<string> Words(string text) =>
        Regex.Matches(text, @"[A-Za-z]+").Select(m => m.Value.ToLowerInvariant());
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Lectures.Tests.Course;

/// <summary>
/// 05: the two-step derivation as students run it. The test reads the parameters the notebook printed, recomputes
/// every partial derivative and gradient by centered finite differences on the lecture's scalar formulas (no code
/// shared with the notebook, the library or autograd), and compares them with every printed row; then the manual
/// pass, autograd and finite differences in float64, and the notation and cross-entropy claims; finally min-char-rnn
/// trained by the manual pass and by autograd, which must print the same losses and end at the same parameters.
/// </summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public partial class Notebook05Tests(CourseRun course)
{
    private const string Name = "05-bptt.ipynb";

    private sealed record Inputs(double W, double U, double b, double V, double c, double h0, double X1, double X2, double z1, double z2)
    {
        public double H1(double w, double u, double bias) => Math.Tanh(w * h0 + u * X1 + bias);
        public double H2(double w, double u, double bias, double h1) => Math.Tanh(w * h1 + u * X2 + bias);
        public double Loss(double w, double u, double bias, double v, double cc)
        {
            var h1 = H1(w, u, bias);
            var h2 = H2(w, u, bias, h1);
            return 0.5 * Math.Pow(v * h1 + cc - z1, 2) + 0.5 * Math.Pow(v * h2 + cc - z2, 2);
        }
    }

    private static double D(Func<double, double> f, double x, double h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);

    private Inputs Printed()
    {
        var m = Parameters().Match(course.Text(Name));
        Assert.True(m.Success, $"{Name} printed no line of parameters");
        double G(string name) => double.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        return new Inputs(G("W"), G("U"), G("b"), G("V"), G("c"), G("h0"), G("X1"), G("X2"), G("z1"), G("z2"));
    }

    [Fact]
    public void Backprop_review_identities_hold()
    {
        Assert.InRange(course.Number(Name, "max |J − M|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |autograd − formula|:"), 0, 1e-12);
    }

    [Fact]
    public void Notation_maps_the_lectures_names_onto_PyTorchs()
    {
        var text = course.Text(Name);
        Assert.Contains("W = weight_hh [4, 4], U = weight_ih [4, 3], b = bias_ih + bias_hh [4], V = weight [2, 4], c = bias [2]", text);
        Assert.InRange(course.Number(Name, "max |tanh(W h + U x + b) − nn.RNNCell(x, h)|:"), 0, 1e-12);
    }

    [Fact]
    public void Every_printed_partial_equals_finite_differences_on_the_printed_inputs()
    {
        var p = Printed();
        var h1 = p.H1(p.W, p.U, p.b);
        var h2 = p.H2(p.W, p.U, p.b, h1);
        var expected = new Dictionary<string, double>
        {
            ["∂L1/∂h1"] = D(h => 0.5 * Math.Pow(p.V * h + p.c - p.z1, 2), h1),
            ["∂L2/∂h2"] = D(h => 0.5 * Math.Pow(p.V * h + p.c - p.z2, 2), h2),
            ["∂h1/∂W"] = D(w => p.H1(w, p.U, p.b), p.W),
            ["∂⁺h2/∂W"] = D(w => p.H2(w, p.U, p.b, h1), p.W),
            ["∂h2/∂h1"] = D(h => p.H2(p.W, p.U, p.b, h), h1),
            ["∂h1/∂U"] = D(u => p.H1(p.W, u, p.b), p.U),
            ["∂⁺h2/∂U"] = D(u => p.H2(p.W, u, p.b, h1), p.U),
            ["∂h1/∂b"] = D(b => p.H1(p.W, p.U, b), p.b),
            ["∂⁺h2/∂b"] = D(b => p.H2(p.W, p.U, b, h1), p.b),
            ["∂L1/∂h2"] = 0,   // L1 does not read h2
        };
        var rows = Piece().Matches(course.Text(Name)).ToDictionary(m => m.Groups["name"].Value, m => m);
        Assert.Equal(expected.Keys.Order(), rows.Keys.Order());
        foreach (var (name, value) in expected)
            foreach (var column in new[] { "formula", "autograd" })
                Assert.True(Math.Abs(double.Parse(rows[name].Groups[column].Value, CultureInfo.InvariantCulture) - value) < 1e-7,
                    $"{name} ({column}): printed {rows[name].Groups[column].Value}, finite differences {value:F8}");
        Assert.Equal(10, course.Number(Name, "partials in the lecture's list:"));
        Assert.Equal(1, course.Number(Name, "of which zero:"));
        Assert.InRange(course.Number(Name, "largest |formula − autograd| over the pieces:"), 0, 1e-12);

        var total = D(w => p.H2(w, p.U, p.b, p.H1(w, p.U, p.b)), p.W);
        Assert.True(Math.Abs(course.Number(Name, "total ∂h2/∂W (autograd):") - total) < 1e-7, "total ∂h2/∂W");
        Assert.True(Math.Abs(total - expected["∂⁺h2/∂W"]) > 0.1, "the total and the explicit derivative must differ");
    }

    [Fact]
    public void Every_printed_gradient_equals_finite_differences_on_the_printed_inputs()
    {
        var p = Printed();
        var expected = new Dictionary<string, double>
        {
            ["W"] = D(w => p.Loss(w, p.U, p.b, p.V, p.c), p.W),
            ["U"] = D(u => p.Loss(p.W, u, p.b, p.V, p.c), p.U),
            ["b"] = D(b => p.Loss(p.W, p.U, b, p.V, p.c), p.b),
            ["V"] = D(v => p.Loss(p.W, p.U, p.b, v, p.c), p.V),
            ["c"] = D(c => p.Loss(p.W, p.U, p.b, p.V, c), p.c),
        };
        var rows = Gradient().Matches(course.Text(Name)).ToDictionary(m => m.Groups["name"].Value, m => m);
        Assert.Equal(expected.Keys.Order(), rows.Keys.Order());
        foreach (var (name, value) in expected)
            foreach (var column in new[] { "hand", "manual", "autograd", "numeric" })
                Assert.True(Math.Abs(double.Parse(rows[name].Groups[column].Value, CultureInfo.InvariantCulture) - value) < 1e-8,
                    $"dL/d{name} ({column}): printed {rows[name].Groups[column].Value}, finite differences {value:F9}");
        Assert.InRange(course.Number(Name, "two-step derivation, max relative error:"), 0, 1e-8);
        Assert.Matches(@"dL/dW\s+-0\.447137859\s+-0\.447137859\s+-0\.447137859\s+-0\.447137859", course.Text(Name));
    }

    [Fact]
    public void Sum_over_k_reproduces_each_loss_terms_gradient()
    {
        Assert.InRange(course.Number(Name, "max |Σ_t Σ_k term − dL/dW|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "rows of the sum vs autograd on L_t alone, max relative error:"), 0, 1e-8);
        Assert.True(course.Number(Name, "‖implicit part‖:") > 0.1, "the implicit paths must contribute");
        Assert.True(course.Number(Name, "term k = T:") > 100 * course.Number(Name, "term k = 1:"), "distant steps must contribute less");
    }

    [Fact]
    public void Cross_entropy_output_gradient_and_float64_check()
    {
        var E = course.Number(Name, "E = −Σ_t log ŷ_t[y_t]:");
        Assert.True(E > 0, "cross-entropy is positive");
        Assert.Equal(E, course.Number(Name, "(the library's loss:"), 6);
        Assert.Equal(-E, course.Number(Name, "without the minus sign:"), 6);
        Assert.Contains("(ŷ_t − e_y_t) ⊗ h_t has shape [2, 4], like V [2, 4]", course.Text(Name));
        Assert.InRange(course.Number(Name, "dE/dV: formula vs manual BPTT, relative error:"), 0, 1e-8);
        Assert.InRange(course.Number(Name, "dE/dV: formula vs autograd, relative error:"), 0, 1e-8);
        Assert.InRange(course.Number(Name, "manual BPTT vs finite differences (float64), max relative error:"), 0, 1e-8);
        Assert.InRange(course.Number(Name, "manual BPTT vs autograd (float64), max relative error:"), 0, 1e-8);
        Assert.True(course.Number(Name, "the same check in float32, max relative error:") > 1e-4, "float32 finite differences are noisy");
    }

    [Fact]
    public void Min_char_rnn_trained_by_the_manual_pass_follows_the_autograd_run()
    {
        var text = course.Text(Name);
        Assert.InRange(course.Number(Name, "lossFun vs RnnBptt.Backward, largest |difference| over dW, dU, db, dV, dc, dh0:"), 0, 1e-12);
        Assert.Contains("run A: autograd recorded anything: False", text);

        // The smooth loss starts at the loss of a uniform guess, 25 log k.
        var k = course.Number(Name, "vocabulary k =");
        Assert.Equal(25 * Math.Log(k), course.Number(Name, "smooth loss at the start, 25 log k:"), 2);

        // Every printed pair of losses agrees, and so do the largest gaps over the whole run.
        var rows = Update().Matches(text);
        Assert.True(rows.Count >= 5, $"{Name} printed {rows.Count} lines of per-update losses");
        foreach (Match row in rows)
        {
            double Loss(string run) => double.Parse(row.Groups[run].Value, CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(Loss("A") - Loss("B")) < 1e-9, $"update {row.Groups["n"].Value}: loss A {Loss("A")}, loss B {Loss("B")}");
        }
        Assert.InRange(course.Number(Name, "largest |loss A − loss B| over all updates:"), 0, 1e-9);
        Assert.InRange(course.Number(Name, "largest |θ_A − θ_B| after the last update:"), 0, 1e-9);

        // Training works: the loss per character falls by at least a factor of 1.5 from the first pass to the last.
        var first = course.Number(Name, "loss per character (run A), mean over pass 1:");
        var last = course.Number(Name, "over pass 5:");
        Assert.True(first > 1.5 * last, $"loss per character: pass 1 {first}, pass 5 {last}");
        Assert.Equal(first / last, course.Number(Name, "pass 1 / pass 5:"), 2);
    }

    private const string Num = @"-?\d+(\.\d+)?";

    [GeneratedRegex(@"W = (?<W>" + Num + @"), U = (?<U>" + Num + @"), b = (?<b>" + Num + @"), V = (?<V>" + Num + @"), c = (?<c>" + Num +
                    @"), h0 = (?<h0>" + Num + @"), X1 = (?<X1>" + Num + @"), X2 = (?<X2>" + Num + @"), z1 = (?<z1>" + Num + @"), z2 = (?<z2>" + Num + ")")]
    private static partial Regex Parameters();

    [GeneratedRegex(@"^update\s+(?<n>\d+): loss A (?<A>-?\d+\.\d+), loss B (?<B>-?\d+\.\d+)", RegexOptions.Multiline)]
    private static partial Regex Update();

    [GeneratedRegex(@"^(?<name>∂\S+)\s+(?<formula>-?\d+\.\d{8})\s+(?<autograd>-?\d+\.\d{8})\s*$", RegexOptions.Multiline)]
    private static partial Regex Piece();

    [GeneratedRegex(@"^dL/d(?<name>\w+)\s+(?<hand>-?\d+\.\d{9})\s+(?<manual>-?\d+\.\d{9})\s+(?<autograd>-?\d+\.\d{9})\s+(?<numeric>-?\d+\.\d{9})", RegexOptions.Multiline)]
    private static partial Regex Gradient();
}

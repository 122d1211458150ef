using System.Globalization;
using System.Text.RegularExpressions;

namespace Lectures.Tests.Course;

/// <summary>
/// 16: a large RNN memorizes a small corpus; dropout between layers and on the recurrent path keeps validation loss
/// down; weight tying, AR/TAR, embedding dropout and DropConnect measured alone, together and left out one at a time,
/// against the difference another seed makes.
/// </summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook16Tests(CourseRun course)
{
    private const string Name = "16-regularization.ipynb";
    private const string Plain = "no dropout", Between = "dropout between layers", Both = "between layers + recurrent";
    private const string Tied = "tied weights", Activation = "AR + TAR", AwdDropout = "embedding dropout + DropConnect", All = "all of them";
    private const string AllButTying = "all but tying", AllButAr = "all but AR/TAR", AllButAwdDropout = "all but embedding dropout + DropConnect";
    private static readonly string[] Runs = [Plain, Between, Both, Tied, Activation, AwdDropout, All, AllButTying, AllButAr, AllButAwdDropout];

    private double Best(string run) => course.Number(Name, $"best validation loss ({run}):");

    private double FinalValidation(string run) => course.Number(Name, $"final validation loss ({run}):");

    private double FinalTraining(string run) => course.Number(Name, $"final training loss ({run}):");

    private double Gap(string run) => course.Number(Name, $"gap, validation − training ({run}):");

    private (double Plain, double All) SeedDifference()
    {
        var m = Regex.Match(course.Text(Name), @"seed-to-seed difference of the best validation loss: (?<p>[\d.]+) without dropout, (?<a>[\d.]+) with all of them");
        Assert.True(m.Success, "the seed-to-seed differences are printed");
        return (double.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Model_is_much_larger_than_the_training_text()
    {
        Assert.True(course.Number(Name, "parameters:") > 50 * course.Number(Name, "training windows:") * 48, "at least 50 parameters per training character");
    }

    [Fact]
    public void Without_dropout_the_model_memorizes()
    {
        Assert.InRange(FinalTraining(Plain), 0, 0.5);
        Assert.True(FinalValidation(Plain) > Best(Plain) + 0.5, "the plain model's validation loss must climb well above its best");
    }

    [Fact]
    public void Dropout_keeps_validation_loss_down_and_the_gap_small()
    {
        var plain = FinalValidation(Plain);
        foreach (var run in new[] { Between, Both })
        {
            Assert.True(FinalValidation(run) < plain - 0.5, $"{run} must end with a much lower validation loss");
            Assert.True(Gap(run) < Gap(Plain) / 2);
        }
    }

    [Fact]
    public void Tying_saves_the_read_outs_weights_less_the_projection()
    {
        var text = course.Text(Name);
        var (vocabulary, hidden, d) = (course.Number(Name, "vocabulary:"), course.Number(Name, "two layers of"), course.Number(Name, "embedding size d ="));
        var m = Regex.Match(text, @"parameters: (?<u>[\d,]+) untied, (?<t>[\d,]+) tied; saved: (?<s>[\d,]+) \((?<p>[\d.]+)% of the model\)");
        Assert.True(m.Success);
        double N(string g) => double.Parse(m.Groups[g].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        Assert.Equal(course.Number(Name, "parameters:"), N("u"));
        Assert.Equal((vocabulary - d) * hidden, N("u") - N("t"));          // V [vocabulary × hidden] replaced by P [d × hidden]
        Assert.Equal(N("u") - N("t"), N("s"));
        Assert.Equal(100 * N("s") / N("u"), N("p"), 1);
        var words = course.Number(Name, "a word model of Genesis (");
        Assert.Equal((words - d) * hidden, course.Number(Name, "words) would save"));
    }

    [Fact]
    public void The_tied_models_first_scores_are_of_the_untied_read_outs_size()
    {
        var m = Regex.Match(course.Text(Name), @"spread \(std\) of the first scores: untied (?<u>[\d.]+), tied (?<t>[\d.]+)");
        Assert.True(m.Success);
        var ratio = double.Parse(m.Groups["t"].Value, CultureInfo.InvariantCulture) / double.Parse(m.Groups["u"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(ratio, 0.5, 2);
    }

    [Fact]
    public void Tying_alone_does_not_regularize_on_characters()
    {
        Assert.True(FinalTraining(Tied) < FinalTraining(Plain), "the tied model memorizes a little faster");
        Assert.True(FinalValidation(Tied) > FinalValidation(Plain), "and ends further above its best");
        Assert.True(Math.Abs(Best(Tied) - Best(Plain)) < SeedDifference().Plain, "its best differs by less than another seed makes");
    }

    [Fact]
    public void Ar_and_tar_slow_memorization_and_give_the_lowest_best_of_the_single_regularizers()
    {
        Assert.True(FinalTraining(Activation) > FinalTraining(Plain));
        Assert.True(FinalValidation(Activation) < FinalValidation(Plain) - 0.5);
        Assert.Equal(Best(Activation), new[] { Between, Both, Tied, Activation, AwdDropout }.Min(Best));
        Assert.True(Math.Abs(Best(Activation) - Best(Plain)) < SeedDifference().Plain + 0.005, "within about the seed-to-seed difference");
    }

    [Fact]
    public void Embedding_dropout_and_dropconnect_alone_act_like_dropout_between_layers()
    {
        Assert.InRange(FinalValidation(AwdDropout) - FinalValidation(Between), -0.2, 0.2);
        Assert.InRange(Gap(AwdDropout) - Gap(Between), -0.2, 0.2);
        Assert.True(Best(AwdDropout) >= Best(Plain), "no better than the plain model's best");
    }

    [Fact]
    public void Every_single_regularizer_lands_within_about_a_seeds_difference_of_the_plain_best()
    {
        var (plainNoise, allNoise) = SeedDifference();
        Assert.True(allNoise < plainNoise / 3, $"the combination is steadier: {allNoise} against {plainNoise}");
        foreach (var run in new[] { Between, Both, Tied, Activation, AwdDropout })
            Assert.True(Math.Abs(Best(run) - Best(Plain)) <= plainNoise + 0.005, $"{run}: best {Best(run)}, plain {Best(Plain)}, seed noise {plainNoise}");
    }

    [Fact]
    public void The_ablation_shows_ar_tar_carries_the_combination_tying_adds_little_and_awd_dropout_hurts_here()
    {
        var allNoise = SeedDifference().All;
        var all = Best(All);
        Assert.True(Best(AllButAr) - all > 5 * allNoise, "leaving out AR/TAR costs far more than another seed");
        Assert.True(FinalValidation(AllButAr) > FinalValidation(All) + 0.1);
        Assert.InRange(Best(AllButTying) - all, 0, 3 * allNoise);
        Assert.True(FinalValidation(AllButTying) < FinalValidation(All));
        Assert.True(Best(AllButAwdDropout) < all - 2 * allNoise, "leaving out embedding dropout and DropConnect helps on this corpus");
        Assert.Equal(Best(AllButAwdDropout), Runs.Min(Best));
        Assert.True(Gap(AllButAwdDropout) < Gap(Plain) / 4);
        Assert.Matches(@"leaving out, from all of them \(best validation [\d.]+\): tying \+[\d.]+, AR/TAR \+[\d.]+, embedding dropout \+ DropConnect −[\d.]+", course.Text(Name));
    }

    [Fact]
    public void The_summary_table_lists_every_run_with_its_parameters()
    {
        var text = course.Text(Name);
        foreach (var run in Runs.Concat(["no dropout, seed 17", "all of them, seed 17"]))
            Assert.Matches($@"(?m)^{Regex.Escape(run)}\s+[\d,]+\s+[\d.]+ \(epoch\s+\d+\)\s+[\d.]+\s+[\d.]+\s+[\d.]+$", text);
    }
}

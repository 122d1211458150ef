namespace Lectures.Tests.Course;

/// <summary>16: a large RNN memorizes a small corpus; dropout between layers and on the recurrent path keeps validation loss down.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook16Tests(CourseRun course)
{
    private const string Name = "16-regularization.ipynb";
    private const string Plain = "no dropout", Between = "dropout between layers", Both = "between layers + recurrent";

    [Fact]
    public void Model_is_much_larger_than_the_training_text()
    {
        Assert.True(course.Number(Name, "parameters:") > 50 * course.Number(Name, "training windows:") * 48, "at least 50 parameters per training character");
    }

    [Fact]
    public void Without_dropout_the_model_memorizes()
    {
        Assert.InRange(course.Number(Name, $"final training loss ({Plain}):"), 0, 0.5);
        Assert.True(course.Number(Name, $"final validation loss ({Plain}):") > course.Number(Name, $"best validation loss ({Plain}):") + 0.5,
            "the plain model's validation loss must climb well above its best");
    }

    [Fact]
    public void Dropout_keeps_validation_loss_down_and_the_gap_small()
    {
        var plain = course.Number(Name, $"final validation loss ({Plain}):");
        foreach (var run in new[] { Between, Both })
        {
            Assert.True(course.Number(Name, $"final validation loss ({run}):") < plain - 0.5, $"{run} must end with a much lower validation loss");
            Assert.True(course.Number(Name, $"gap, validation − training ({run}):") < course.Number(Name, $"gap, validation − training ({Plain}):") / 2);
        }
    }
}

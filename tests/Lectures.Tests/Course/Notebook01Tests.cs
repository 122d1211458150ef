namespace Lectures.Tests.Course;

/// <summary>01: order-blindness of a bag of words, the last-word model failing where the recurrent one succeeds, parameter counts, embeddings.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook01Tests(CourseRun course)
{
    private const string Name = "01-why-recurrent.ipynb";

    [Fact]
    public void A_bag_of_words_is_blind_to_order_and_an_rnn_is_not()
    {
        Assert.Equal(0, course.Number(Name, "bag-of-words difference:"));
        Assert.True(course.Number(Name, "RNN final-state difference:") > 0.01);
    }

    [Fact]
    public void Last_word_only_fails_where_the_recurrent_model_succeeds()
    {
        Assert.InRange(course.Number(Name, "last word only: validation accuracy"), 0, 0.3);
        Assert.InRange(course.Number(Name, "recurrent: validation accuracy"), 0.95, 1);
    }

    [Fact]
    public void Shared_weights_keep_the_parameter_count_fixed()
    {
        Assert.Contains("parameters at T = 50: per-step MLPs 195,700, concatenated MLP 160,714, RNN 8,010", course.Text(Name));
        Assert.Contains("RNN count from the library's layer: 8,010", course.Text(Name));
    }

    [Fact]
    public void Embeddings_are_one_hot_times_the_table_at_a_fraction_of_the_memory()
    {
        Assert.Equal(64.0, course.Number(Name, "one-hot batch:"));
        Assert.Equal(0, course.Number(Name, "max |embedding − one-hot × table|:"));
    }
}

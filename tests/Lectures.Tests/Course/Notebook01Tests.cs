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
        Assert.Equal(course.Number(Name, "last word only: validation accuracy"), course.Number(Name, "of the training and"));
    }

    [Fact]
    public void Shared_weights_keep_the_parameter_count_fixed()
    {
        var text = course.Text(Name);
        Assert.Contains("parameters at T = 50: one MLP per step 195,700, untied recurrence 400,500, tied (the RNN) 8,010", text);
        Assert.Contains("formulas at T = 50: one MLP per step 195,700, every earlier input 4,115,700, untied 400,500, tied 8,010", text);
        Assert.Contains("RNN count from the library's layer: 8,010", text);
    }

    [Fact]
    public void Recurrence_models_the_dependency_and_tying_the_weights_accepts_any_length()
    {
        Assert.Equal(0, course.Number(Name, "one MLP per step: max |Δo_50| when x_49 changes:"));
        Assert.True(course.Number(Name, "untied recurrence: max |Δo_50| when x_49 changes:") > 0.01);
        Assert.True(course.Number(Name, "tied (the RNN): max |Δo_50| when x_49 changes:") > 0.01);
        Assert.Contains("tied (the RNN) on 80 steps: outputs 80 × 10", course.Text(Name));
        Assert.Contains("untied recurrence on 80 steps: untied recurrence has weights for 50 steps, none for step 51", course.Text(Name));
    }

    [Fact]
    public void Embeddings_are_one_hot_times_the_table_at_a_fraction_of_the_memory()
    {
        Assert.Equal(64.0, course.Number(Name, "one-hot batch:"));
        Assert.Equal(0, course.Number(Name, "max |embedding − one-hot × table|:"));
    }
}

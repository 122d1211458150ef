namespace Lectures.Tests.Course;

/// <summary>15: next-value forecasting against the last-value baseline: no gain on a random walk, a large one on a seasonal series.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook15Tests(CourseRun course)
{
    private const string Name = "15-time-series.ipynb";

    [Fact]
    public void Windows_have_the_shapes_of_each_flavour()
    {
        var text = course.Text(Name);
        Assert.Contains("many-to-one training windows: inputs 734 × 32 × 1, targets 734 × 1", text);
        Assert.Contains("many-to-many training windows: inputs 734 × 32 × 1, targets 734 × 32", text);
        Assert.Contains("test windows: 500, one per step from 1500 to 1999", text);
    }

    [Fact]
    public void On_a_random_walk_the_rnn_does_not_beat_the_last_value()
    {
        var baseline = course.Number(Name, "stock-like, MSE (last value):");
        var rnn = course.Number(Name, "stock-like, MSE (RNN, ManyToOne):");
        Assert.True(baseline > 0);
        Assert.InRange(rnn / baseline, 0.95, 1.2);
    }

    [Fact]
    public void On_the_seasonal_series_both_flavours_beat_the_last_value_by_far()
    {
        var baseline = course.Number(Name, "weather-like, MSE (last value):");
        Assert.InRange(course.Number(Name, "weather-like, MSE (RNN, ManyToOne):"), 0.2, 0.5 * baseline);
        Assert.InRange(course.Number(Name, "weather-like, MSE (RNN, ManyToMany):"), 0.2, 0.5 * baseline);
        Assert.True(course.Number(Name, "many-to-many, scaled MSE after 1 change:") > course.Number(Name, "after 32:") + 0.1);
        Assert.InRange(course.Number(Name, "weather-like, RNN (many-to-one) / last value:"), 0.2, 0.4);      // "to 0.29 of it"
        Assert.InRange(course.Number(Name, "after 12:") - course.Number(Name, "after 32:"), -0.05, 0.05);   // levelled off by a dozen
    }

    [Fact]
    public void Feeding_forecasts_back_follows_the_cycle_over_two_days()
    {
        var rnn = course.Number(Name, "48 hours ahead, MSE (RNN, fed its own forecasts):");
        var baseline = course.Number(Name, "48 hours ahead, MSE (last value):");
        Assert.True(rnn < 0.25 * baseline, $"48-hour forecast MSE {rnn} should be far below the flat last value's {baseline}");
        Assert.InRange(course.Number(Name, "48 hours ahead (RNN) / one step ahead (RNN):"), 1, 4);
    }
}

namespace Lectures.Tests.Course;

/// <summary>03: the library's RNN is the hand-unrolled loop and TorchSharp's RNN; every flavour has the lecture's shapes.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook03Tests(CourseRun course)
{
    private const string Name = "03-forward-pass.ipynb";

    [Fact]
    public void Library_rnn_equals_the_hand_loop_and_torchsharp()
    {
        Assert.InRange(course.Number(Name, "max |library − loop|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |library − TorchSharp|:"), 0, 1e-12);
        Assert.Contains("output shape: 5 × 2 × 4", course.Text(Name));
    }

    [Fact]
    public void Losses_are_positive_sums_over_time()
    {
        Assert.InRange(course.Number(Name, "squared-error loss:"), 0.001, 1e3);
        Assert.InRange(course.Number(Name, "cross-entropy loss:"), 0.001, 1e3);
    }

    [Fact]
    public void Each_flavour_has_its_shapes()
    {
        var text = course.Text(Name);
        Assert.Matches(@"one-to-one\s+image classification\s+\[2, 3\]\s+\[2, 2\]", text);
        Assert.Matches(@"one-to-many\s+captioning\s+\[2, 3\]\s+\[5, 2, 2\]", text);
        Assert.Matches(@"many-to-one\s+review sentiment\s+\[5, 2, 3\]\s+\[2, 2\]", text);
        Assert.Matches(@"many-to-many, synchronous\s+tagging\s+\[5, 2, 3\]\s+\[5, 2, 2\]", text);
        Assert.Matches(@"many-to-many, asynchronous\s+translation\s+\[5, 2, 3\]\s+\[3, 2, 2\]", text);
    }

    [Fact]
    public void Bidirectional_backward_half_is_a_forward_run_over_the_reversed_sequence()
    {
        Assert.Contains("output [5, 2, 8], final states [4, 2, 4]", course.Text(Name));
        Assert.InRange(course.Number(Name, "max |backward half − forward run on the reversed input|:"), 0, 1e-12);
    }

    [Fact]
    public void The_slides_cross_entropy_without_its_minus_sign_is_the_negative_loss()
    {
        var loss = course.Number(Name, "cross-entropy loss:");
        Assert.Equal(-loss, course.Number(Name, "as printed on the slide:"), 4);
        Assert.Equal(loss, course.Number(Name, "with the minus sign, −Σ_t y_t · log ŷ_t:"), 4);
    }
}

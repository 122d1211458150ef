namespace Lectures.Tests.Course;

/// <summary>00: autograd matches the hand derivative; the dense layer is the same element by element, as a matrix and as nn.Linear.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook00Tests(CourseRun course)
{
    private const string Name = "00-setup-and-tensors.ipynb";

    [Fact]
    public void Autograd_equals_the_hand_derivative()
    {
        Assert.Equal(0, course.Number(Name, "max |autograd − 2x|:"));
        Assert.Contains("autograd: 3, -4, 0.5", course.Text(Name));
    }

    [Fact]
    public void Dense_layer_is_the_same_three_ways()
    {
        Assert.Contains("element by element: 0.099668, 0.999000", course.Text(Name));
        Assert.InRange(course.Number(Name, "max |loop − matrix|:"), 0, 1e-12);
        Assert.InRange(course.Number(Name, "max |nn.Linear − loop|:"), 0, 1e-12);
    }
}

namespace Lectures.Tests.Course;

/// <summary>14: word images read with and without segmentation; the CTC reader learns to read, and survives noise that breaks the segmentation.</summary>
[Trait("Category", "Course")]
[Collection(CourseCollection.Name)]
public class Notebook14Tests(CourseRun course)
{
    private const string Name = "14-scene-text.ipynb";

    [Fact]
    public void Clean_images_segment_perfectly_and_the_segmented_reader_reads_them()
    {
        Assert.Equal(1.0, course.Number(Name, "segmentation found the right number of letters:"));
        Assert.InRange(course.Number(Name, "character accuracy (segmented):"), 0.97, 1);
    }

    [Fact]
    public void The_ctc_reader_learns_to_read_without_segmentation()
    {
        Assert.Equal(3, course.Number(Name, "edit distance \"kitten\" → \"sitting\":"));
        Assert.InRange(course.Number(Name, "character accuracy (CTC):"), 0.95, 1);
        Assert.InRange(course.Number(Name, "word accuracy (CTC):"), 0.85, 1);
        Assert.Matches(@"true\s+predicted \(CTC\)\s+edits\n(\w+\s+\w*\s+\d+\n){12}", course.Text(Name));
    }

    [Fact]
    public void Noise_breaks_the_segmentation_and_the_ctc_reader_copes_better()
    {
        Assert.InRange(course.Number(Name, "segmentation found the right number of letters (noisy):"), 0.3, 0.95);
        var segmented = course.Number(Name, "character accuracy on noisy images (segmented):");
        var ctc = course.Number(Name, "character accuracy on noisy images (CTC):");
        Assert.InRange(ctc, 0.85, 1);
        Assert.True(ctc > segmented + 0.05, $"CTC {ctc} should read noisy images clearly better than the segmented reader {segmented}");
    }
}

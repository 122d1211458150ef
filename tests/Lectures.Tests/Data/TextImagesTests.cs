using Lectures.Data;
using TorchSharp;

namespace Lectures.Tests.Data;

[Trait("Category", "Toolkit")]
public class TextImagesTests
{
    [Fact]
    public void Every_letter_has_a_distinct_glyph()
    {
        var glyphs = TextImages.Alphabet.Select(c => string.Join(",", TextImages.Render(c.ToString(), new Random(0), noise: 0, maxExtraGap: 0)
            .Pixels.data<float>().ToArray())).ToList();
        Assert.Equal(26, glyphs.Distinct().Count());
    }

    [Fact]
    public void Rendered_words_have_three_columns_per_letter_plus_gaps_and_are_seeded()
    {
        var image = TextImages.Render("cat", new Random(0), noise: 0, maxExtraGap: 0);
        Assert.Equal(new long[] { TextImages.Height, 1 + 3 * 4 }, image.Pixels.shape);
        Assert.Equal(0f, image.Pixels[0].abs().sum().item<float>());

        var a = TextImages.Generate(20, seed: 4);
        var b = TextImages.Generate(20, seed: 4);
        Assert.Equal(a.Select(i => i.Text), b.Select(i => i.Text));
        Assert.All(a.Zip(b), p => Assert.True((p.First.Pixels == p.Second.Pixels).all().item<bool>()));
        Assert.All(a, i => Assert.InRange(i.Text.Length, 3, 6));
        Assert.True(a.Select(i => i.Pixels.shape[1] - 1 - 4 * i.Text.Length).Distinct().Count() > 1);
    }

    [Fact]
    public void Undrawable_characters_are_named()
    {
        var error = Assert.Throws<ArgumentException>(() => TextImages.Render("Cat", new Random(0)));
        Assert.Contains("'C'", error.Message);
    }
}

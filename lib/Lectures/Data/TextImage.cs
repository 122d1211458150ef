using static TorchSharp.torch;

namespace Lectures.Data;

/// <summary>A rendered word: a grey-scale image and the text it shows.</summary>
/// <param name="Pixels">float32 [height, width], ink near 1 and background near 0; its columns are the time steps a recogniser reads.</param>
/// <param name="Text">The word drawn.</param>
/// <example>
/// <code>
/// var image = TextImages.Render("cat", new Random(0));   // image.Pixels [7, W], image.Text "cat"
/// </code>
/// </example>
public sealed record TextImage(Tensor Pixels, string Text);

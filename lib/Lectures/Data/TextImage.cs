using static TorchSharp.torch;

namespace Lectures.Data;

/// <summary>A rendered word: a grey-scale image and the text it shows.</summary>
/// <param name="Pixels">float32 [height, width], ink near 1 and background near 0; its columns are the time steps a recogniser reads.</param>
/// <param name="Text">The word drawn.</param>
public sealed record TextImage(Tensor Pixels, string Text);

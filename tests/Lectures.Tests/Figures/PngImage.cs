using System.Buffers.Binary;
using System.IO.Compression;

namespace Lectures.Tests.Figures;

/// <summary>
/// The pixels of a PNG as a browser writes a screenshot: 8 bits per channel, RGB or RGBA, not interlaced. Enough
/// of the format to look at a rendering without System.Drawing (which .NET has only on Windows).
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private readonly byte[] rgb;

    private PngImage(int width, int height, byte[] rgb) => (Width, Height, this.rgb) = (width, height, rgb);

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The colour at (x, y), alpha ignored.</summary>
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
                throw new ArgumentOutOfRangeException(nameof(x), $"pixel ({x}, {y}) is outside the {Width} × {Height} image");
            var i = 3 * (y * Width + x);
            return (rgb[i], rgb[i + 1], rgb[i + 2]);
        }
    }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a PNG of the kind described above.</exception>
    public static PngImage Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
            throw new InvalidDataException($"{path} is not a PNG file (no PNG signature)");
        var (width, height, channels) = (0, 0, 0);
        using var compressed = new MemoryStream();
        for (var at = 8; at + 8 <= bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var data = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                (width, height) = ((int)BinaryPrimitives.ReadUInt32BigEndian(data), (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
                var (depth, colour, interlace) = (data[8], data[9], data[12]);
                channels = colour switch { 2 => 3, 6 => 4, _ => 0 };
                if (depth != 8 || channels == 0 || interlace != 0)
                    throw new InvalidDataException($"{path}: expected an 8-bit RGB or RGBA PNG without interlacing, got bit depth {depth}, colour type {colour}, interlace {interlace}");
            }
            else if (type == "IDAT") compressed.Write(data);
            else if (type == "IEND") break;
            at += 12 + length;
        }
        if (channels == 0) throw new InvalidDataException($"{path}: no IHDR chunk");
        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        return new PngImage(width, height, Unfilter(inflated.ToArray(), width, height, channels, path));
    }

    /// <summary>Undoes the per-row filters (none, sub, up, average, Paeth) and drops the alpha channel.</summary>
    private static byte[] Unfilter(byte[] raw, int width, int height, int channels, string path)
    {
        var stride = width * channels;
        if (raw.Length < height * (stride + 1))
            throw new InvalidDataException($"{path}: {raw.Length} bytes of pixel data, expected {height * (stride + 1)}");
        var previous = new byte[stride];
        var row = new byte[stride];
        var rgb = new byte[3 * width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? row[i - channels] : 0, up = previous[i], upLeft = i >= channels ? previous[i - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"{path}: row {y} has the unknown filter type {filter}"),
                };
                row[i] = (byte)(line[i] + predictor);
            }
            for (var x = 0; x < width; x++)
                for (var c = 0; c < 3; c++)
                    rgb[3 * (y * width + x) + c] = row[x * channels + c];
            (previous, row) = (row, previous);
        }
        return rgb;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}

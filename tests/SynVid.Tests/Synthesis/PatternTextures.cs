using SynVid.Textures;
using SynVid.Video;

namespace SynVid.Tests.Synthesis;

/// <summary>A small texture source whose texel values are a known function of (index, x, y), for exact checks.</summary>
internal sealed class PatternTextures(int count, int size) : ITextureSource
{
    public string Name => $"pattern ({count} × {size}²)";

    public int Count => count;

    public RgbImage Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        var image = new RgbImage(size, size);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var o = image.Offset(x, y);
                (image.Pixels[o], image.Pixels[o + 1], image.Pixels[o + 2]) = Texel(index, x, y);
            }
        }
        return image;
    }

    /// <summary>Never black, so textured pixels are told apart from the background.</summary>
    public static (byte R, byte G, byte B) Texel(int index, int x, int y) =>
        ((byte)(1 + x % 250), (byte)(1 + y % 250), (byte)(1 + index % 250));
}

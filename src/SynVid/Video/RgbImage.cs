namespace SynVid.Video;

/// <summary>
/// One 8-bit RGB image (a video frame or a texture), row-major, interleaved HWC: pixel (x, y) channel c is at
/// <c>Pixels[(y * Width + x) * 3 + c]</c>.
/// </summary>
public sealed record RgbImage
{
    /// <summary>Wraps existing pixels; the array length must be width × height × 3.</summary>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != checked(width * height * 3))
        {
            throw new ArgumentException($"expected {width}×{height}×3 = {width * height * 3} bytes, got {pixels.Length}", nameof(pixels));
        }
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>A black image.</summary>
    public RgbImage(int width, int height)
        : this(width, height, new byte[checked(width * height * 3)])
    {
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Interleaved RGB bytes, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>Byte offset of pixel (x, y).</summary>
    public int Offset(int x, int y) => (y * Width + x) * 3;

    /// <summary>Whether two images have the same size and identical pixels.</summary>
    public bool PixelsEqual(RgbImage other) =>
        Width == other.Width && Height == other.Height && Pixels.AsSpan().SequenceEqual(other.Pixels);
}

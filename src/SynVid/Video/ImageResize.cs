namespace SynVid.Video;

/// <summary>Resizing of <see cref="RgbImage"/>s.</summary>
public static class ImageResize
{
    /// <summary>
    /// Nearest-neighbour resize with OpenCV's <c>INTER_NEAREST</c> sampling (the reference's texture resize, docs/reference-behaviour.md
    /// §2.8 and Q11): destination column x reads source column ⌊x · (1 / (dstW / srcW))⌋, clamped to the last column, and
    /// likewise for rows. This is not the pixel-centre convention of PIL or Skia (⌊(x + ½)·srcW/dstW⌋), which picks
    /// different pixels.
    /// </summary>
    public static RgbImage Nearest(RgbImage source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var xs = NearestSourceIndices(source.Width, width);
        var ys = NearestSourceIndices(source.Height, height);
        var result = new RgbImage(width, height);
        var src = source.Pixels;
        var dst = result.Pixels;
        var srcRow = source.Width * 3;
        for (var y = 0; y < height; y++)
        {
            var s = ys[y] * srcRow;
            var d = y * width * 3;
            for (var x = 0; x < width; x++, d += 3)
            {
                var o = s + xs[x] * 3;
                dst[d] = src[o];
                dst[d + 1] = src[o + 1];
                dst[d + 2] = src[o + 2];
            }
        }
        return result;
    }

    /// <summary>For each destination index, the source index OpenCV's nearest-neighbour resize reads.</summary>
    internal static int[] NearestSourceIndices(int sourceSize, int destinationSize)
    {
        // The same double arithmetic as OpenCV (scale = dst/src, then its reciprocal), so rounding ties agree.
        var scale = (double)destinationSize / sourceSize;
        var inverse = 1.0 / scale;
        var indices = new int[destinationSize];
        for (var i = 0; i < destinationSize; i++)
        {
            indices[i] = Math.Min((int)Math.Floor(i * inverse), sourceSize - 1);
        }
        return indices;
    }
}

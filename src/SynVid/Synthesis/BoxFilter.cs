using System.Runtime.CompilerServices;
using SynVid.Video;

namespace SynVid.Synthesis;

/// <summary>Downsamples a supersampled frame by an integer factor k: each pixel is the rounded mean of its k × k samples.</summary>
internal static class BoxFilter
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Downsample(RgbImage samples, int k, RgbImage target)
    {
        if (samples.Width != k * target.Width || samples.Height != k * target.Height)
        {
            throw new ArgumentException($"samples must be {k * target.Width}×{k * target.Height}", nameof(samples));
        }
        var rowBytes = target.Width * 3;
        var sums = new int[rowBytes];
        var count = k * k;
        var src = samples.Pixels;
        var dst = target.Pixels;
        for (var y = 0; y < target.Height; y++)
        {
            Array.Clear(sums);
            for (var j = 0; j < k; j++)
            {
                var row = (y * k + j) * samples.Width * 3;
                for (var x = 0; x < target.Width; x++)
                {
                    var s = row + x * k * 3;
                    for (var i = 0; i < k; i++, s += 3)
                    {
                        sums[3 * x] += src[s];
                        sums[3 * x + 1] += src[s + 1];
                        sums[3 * x + 2] += src[s + 2];
                    }
                }
            }
            var o = y * rowBytes;
            for (var b = 0; b < rowBytes; b++)
            {
                dst[o + b] = (byte)((sums[b] + count / 2) / count);
            }
        }
    }
}

using System.Numerics;
using System.Runtime.InteropServices;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// 2-D correlation of one image plane (doubles, row-major) with a sparse kernel, reflect-101 border (OpenCV's
/// default: the edge pixel is not repeated). Rows are accumulated one kernel tap at a time with SIMD vectors.
/// </summary>
internal static class PlaneFilter
{
    /// <summary>One non-zero kernel tap: the weight of the input at offset (dy, dx) from the output pixel.</summary>
    internal readonly record struct Tap(int Dy, int Dx, double Weight);

    /// <summary>The non-zero taps of a dense (2r+1)² kernel given row-major.</summary>
    internal static Tap[] Taps(ReadOnlySpan<double> kernel, int radius)
    {
        var size = 2 * radius + 1;
        var taps = new List<Tap>();
        for (var ky = 0; ky < size; ky++)
        {
            for (var kx = 0; kx < size; kx++)
            {
                var w = kernel[ky * size + kx];
                if (w != 0)
                {
                    taps.Add(new Tap(ky - radius, kx - radius, w));
                }
            }
        }
        return [.. taps];
    }

    /// <summary>Reflect-101 index into [0, n): −1 → 1, n → n − 2.</summary>
    internal static int Reflect101(int i, int n)
    {
        if (n == 1)
        {
            return 0;
        }
        while (i < 0 || i >= n)
        {
            i = i < 0 ? -i : 2 * n - 2 - i;
        }
        return i;
    }

    /// <summary>
    /// Correlates a channel of an interleaved RGB byte image, divided by <paramref name="divisor"/>, with
    /// <paramref name="taps"/> (all within <paramref name="radius"/>); writes doubles row-major to
    /// <paramref name="output"/>.
    /// </summary>
    internal static void CorrelateChannel(
        byte[] rgb, int width, int height, int channel, double divisor, Tap[] taps, int radius, double[] output)
    {
        var pw = width + 2 * radius;
        var ph = height + 2 * radius;
        var padded = new double[pw * ph];
        for (var py = 0; py < ph; py++)
        {
            var sy = Reflect101(py - radius, height);
            for (var px = 0; px < pw; px++)
            {
                var sx = Reflect101(px - radius, width);
                padded[py * pw + px] = rgb[(sy * width + sx) * 3 + channel] / divisor;
            }
        }
        Correlate(padded, pw, width, height, taps, radius, output);
    }

    private static void Correlate(double[] padded, int pw, int width, int height, Tap[] taps, int radius, double[] output)
    {
        var lanes = Vector<double>.Count;
        for (var y = 0; y < height; y++)
        {
            var acc = output.AsSpan(y * width, width);
            acc.Clear();
            var accVec = MemoryMarshal.Cast<double, Vector<double>>(acc);
            var vectorEnd = accVec.Length * lanes;
            foreach (var tap in taps)
            {
                var row = padded.AsSpan((y + radius + tap.Dy) * pw + radius + tap.Dx, width);
                var w = new Vector<double>(tap.Weight);
                for (var i = 0; i < accVec.Length; i++)
                {
                    accVec[i] += w * new Vector<double>(row.Slice(i * lanes, lanes));
                }
                for (var x = vectorEnd; x < width; x++)
                {
                    acc[x] += tap.Weight * row[x];
                }
            }
        }
    }
}

using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Tests.Textures;

/// <summary>Measurements on generated textures used by the tests.</summary>
internal static class TextureStatistics
{
    /// <summary>One channel of an image as floats.</summary>
    internal static float[] Channel(RgbImage image, int c)
    {
        var values = new float[image.Width * image.Height];
        for (var p = 0; p < values.Length; p++)
        {
            values[p] = image.Pixels[p * 3 + c];
        }
        return values;
    }

    /// <summary>
    /// Slope of log(radially averaged power) against log(radial frequency) over integer radii [lo, hi] of an n×n
    /// plane (least squares).
    /// </summary>
    internal static double PowerSpectrumSlope(float[] plane, int n, int lo, int hi)
    {
        using var t = tensor(plane, new long[] { n, n });
        using var centred = t - t.mean();
        using var f = fft.rfft2(centred);
        using var power = f.abs().square();
        var p = power.data<float>().ToArray();
        var cols = n / 2 + 1;
        var sum = new double[n];
        var count = new int[n];
        for (var r = 0; r < n; r++)
        {
            var fy = r < n / 2 ? r : r - n;
            for (var c = 0; c < cols; c++)
            {
                var radius = (int)Math.Round(Math.Sqrt(fy * fy + c * c));
                if (radius < n)
                {
                    sum[radius] += p[r * cols + c];
                    count[radius]++;
                }
            }
        }
        var xs = new List<double>();
        var ys = new List<double>();
        for (var radius = lo; radius <= hi; radius++)
        {
            xs.Add(Math.Log(radius));
            ys.Add(Math.Log(sum[radius] / count[radius]));
        }
        var mx = xs.Average();
        var my = ys.Average();
        return xs.Zip(ys).Sum(v => (v.First - mx) * (v.Second - my)) / xs.Sum(x => (x - mx) * (x - mx));
    }

    /// <summary>Kolmogorov–Smirnov distance between the standardised samples and a standardised quantile function.</summary>
    internal static double StandardisedKs(float[] samples, Func<double, double> quantile, double mean, double std)
    {
        var sorted = samples.Select(v => (double)v).Order().ToArray();
        var sm = sorted.Average();
        var ss = Math.Sqrt(sorted.Sum(v => (v - sm) * (v - sm)) / sorted.Length);
        var worst = 0.0;
        for (var k = 1; k < 100; k++)
        {
            var q = k / 100.0;
            var threshold = (quantile(q) - mean) / std;
            var below = LowerBound(sorted, threshold * ss + sm) / (double)sorted.Length;
            worst = Math.Max(worst, Math.Abs(below - q));
        }
        return worst;
    }

    /// <summary>Excess-free kurtosis E[(x−μ)^4]/σ^4 (3 for a Gaussian).</summary>
    internal static double Kurtosis(ReadOnlySpan<float> values)
    {
        double m = 0;
        foreach (var v in values)
        {
            m += v;
        }
        m /= values.Length;
        double m2 = 0, m4 = 0;
        foreach (var v in values)
        {
            var d = v - m;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        m2 /= values.Length;
        m4 /= values.Length;
        return m4 / (m2 * m2);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}

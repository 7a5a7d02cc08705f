using System.Numerics;

namespace SynVid.Textures;

/// <summary>
/// Binned histogram matching in the manner of matlabPyrTools <c>histoMatch</c> (docs/reference-textures.md §1.3): the source CDF at
/// as many equal-width bins as the template has, over the source's [min, max], is mapped through the template's inverse
/// CDF and applied to every value by piecewise-linear lookup. O(n), and invariant to a positive affine change of the
/// source, so a z-score before matching is unnecessary.
/// </summary>
public static class HistogramMatching
{
    /// <summary>
    /// Replaces <paramref name="values"/> in place by values distributed like <paramref name="target"/>; returns the
    /// mean and population standard deviation of the result (accumulated during the same pass).
    /// </summary>
    public static (double Mean, double Std) Match(Span<float> values, HistogramTemplate target)
    {
        var (min, max) = MinMax(values);
        if (!(max > min))
        {
            values.Fill((float)target.Mean);
            return (target.Mean, 0);
        }
        var bins = target.Bins;
        Span<int> counts = bins <= 1024 ? stackalloc int[bins] : new int[bins];
        counts.Clear();
        var scale = bins / ((double)max - min);
        var scaleF = (float)scale;
        foreach (var v in values)
        {
            var b = (int)((v - min) * scaleF);
            counts[b >= bins ? bins - 1 : b]++;
        }
        // Source edge j → template value at the same CDF.
        var map = new float[bins + 1];
        double cumulative = 0;
        var n = (double)values.Length;
        var hi = 1;
        for (var j = 0; j <= bins; j++)
        {
            if (j > 0)
            {
                cumulative += counts[j - 1];
            }
            var q = j == bins ? 1.0 : cumulative / n;
            // The source CDF is non-decreasing, so the template search pointer only moves forward.
            while (hi < bins && target.Cdf[hi] < q)
            {
                hi++;
            }
            var lo = hi - 1;
            var t = (q - target.Cdf[lo]) / (target.Cdf[hi] - target.Cdf[lo]);
            map[j] = (float)(target.Edges[lo] + Math.Clamp(t, 0, 1) * (target.Edges[hi] - target.Edges[lo]));
        }
        var slope = new float[bins];
        for (var j = 0; j < bins; j++)
        {
            slope[j] = map[j + 1] - map[j];
        }
        double sum = 0, sumSq = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var pos = (values[i] - min) * scaleF;
            var j = (int)pos;
            if (j >= bins)
            {
                j = bins - 1;
            }
            var v = map[j] + (pos - j) * slope[j];
            values[i] = v;
            sum += v;
            sumSq += (double)v * v;
        }
        var mean = sum / n;
        return (mean, Math.Sqrt(Math.Max(sumSq / n - mean * mean, 0)));
    }

    /// <summary>Mean and population standard deviation, accumulated in double.</summary>
    public static (double Mean, double Std) Moments(ReadOnlySpan<float> values)
    {
        double sum = 0, sumSq = 0;
        foreach (var v in values)
        {
            sum += v;
            sumSq += (double)v * v;
        }
        var mean = sum / values.Length;
        var variance = Math.Max(sumSq / values.Length - mean * mean, 0);
        return (mean, Math.Sqrt(variance));
    }

    /// <summary>Affinely rescales <paramref name="values"/> to the given mean and standard deviation.</summary>
    public static void Standardize(Span<float> values, double mean, double std)
    {
        var (m, s) = Moments(values);
        var gain = s > 0 ? std / s : 0;
        Affine(values, (float)gain, (float)(mean - m * gain));
    }

    /// <summary>values ← gain·values + offset (vectorised).</summary>
    public static void Affine(Span<float> values, float gain, float offset)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var g = new Vector<float>(gain);
            var o = new Vector<float>(offset);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(values[i..]);
                (v * g + o).CopyTo(values[i..]);
            }
        }
        for (; i < values.Length; i++)
        {
            values[i] = values[i] * gain + offset;
        }
    }

    /// <summary>Minimum and maximum.</summary>
    public static (float Min, float Max) MinMax(ReadOnlySpan<float> values)
    {
        var i = 0;
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            var vmin = new Vector<float>(values);
            var vmax = vmin;
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(values[i..]);
                vmin = Vector.Min(vmin, v);
                vmax = Vector.Max(vmax, v);
            }
            for (var k = 0; k < Vector<float>.Count; k++)
            {
                min = Math.Min(min, vmin[k]);
                max = Math.Max(max, vmax[k]);
            }
        }
        for (; i < values.Length; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }
        return (min, max);
    }
}

namespace SynVid.Textures;

/// <summary>
/// A target distribution for histogram matching: counts on equally spaced bin centres (a colour histogram of 256 bins,
/// or the 801-point wavelet-marginal density of docs/reference-textures.md §1.2c), stored as its CDF at the bin edges.
/// </summary>
public sealed class HistogramTemplate
{
    /// <summary>Builds the template from bin centres <c>first + j·step</c> and non-negative weights.</summary>
    public HistogramTemplate(double firstCentre, double step, ReadOnlySpan<double> weights)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weights.Length, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        Bins = weights.Length;
        Edges = new double[Bins + 1];
        Cdf = new double[Bins + 1];
        double total = 0, mean = 0;
        foreach (var w in weights)
        {
            total += w;
        }
        // MATLAB histoMatch adds mean/1e8 to every count so the CDF is strictly increasing (invertible).
        var eps = total / Bins * 1e-8;
        double cumulative = 0;
        var totalWithEps = total + eps * Bins;
        for (var j = 0; j <= Bins; j++)
        {
            Edges[j] = firstCentre - 0.5 * step + j * step;
            if (j > 0)
            {
                cumulative += weights[j - 1] + eps;
            }
            Cdf[j] = cumulative / totalWithEps;
        }
        Cdf[Bins] = 1;
        double variance = 0;
        for (var j = 0; j < Bins; j++)
        {
            mean += weights[j] * (firstCentre + j * step);
        }
        mean /= total;
        for (var j = 0; j < Bins; j++)
        {
            var d = firstCentre + j * step - mean;
            variance += weights[j] * d * d;
        }
        Mean = mean;
        Std = Math.Sqrt(variance / total);
    }

    /// <summary>Number of bins.</summary>
    public int Bins { get; }

    /// <summary>Bin edges, length Bins + 1.</summary>
    public double[] Edges { get; }

    /// <summary>CDF at the bin edges (0 … 1), strictly increasing.</summary>
    public double[] Cdf { get; }

    /// <summary>Mean of the template distribution (weights on the bin centres).</summary>
    public double Mean { get; }

    /// <summary>Population standard deviation of the template distribution.</summary>
    public double Std { get; }

    /// <summary>The template value at cumulative probability <paramref name="q"/> (piecewise linear between edges).</summary>
    public double Quantile(double q)
    {
        if (q <= 0)
        {
            return Edges[0];
        }
        if (q >= 1)
        {
            return Edges[Bins];
        }
        var hi = Array.BinarySearch(Cdf, q);
        if (hi >= 0)
        {
            return Edges[hi];
        }
        hi = ~hi;
        var lo = hi - 1;
        var t = (q - Cdf[lo]) / (Cdf[hi] - Cdf[lo]);
        return Edges[lo] + t * (Edges[hi] - Edges[lo]);
    }

    /// <summary>An equal-width histogram of <paramref name="values"/> over their [min, max] as a template.</summary>
    public static HistogramTemplate FromSamples(ReadOnlySpan<float> values, int bins)
    {
        var (min, max) = HistogramMatching.MinMax(values);
        if (max <= min)
        {
            max = min + 1e-6f;
        }
        var counts = new double[bins];
        var scale = bins / ((double)max - min);
        foreach (var v in values)
        {
            var b = (int)((v - min) * scale);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }
        var step = ((double)max - min) / bins;
        return new HistogramTemplate(min + 0.5 * step, step, counts);
    }
}

namespace SynVid.Synthesis;

/// <summary>
/// The reference radius distribution (docs/reference-behaviour.md §2.3): a truncated power law p(r) ∝ r⁻³ − 1 on a 200-point grid
/// over [0.1, 1]·res, sampled by the nearest CDF value (not the first CDF value ≥ p).
/// </summary>
public static class RadiusLaw
{
    private const int GridSize = 200;
    private const double Sigma = 3;
    private static readonly double[] _grid = BuildGrid();
    private static readonly double[] _cdf = BuildCdf();

    /// <summary>Radius in pixels for a uniform draw <paramref name="p"/> ∈ [0, 1) at canvas side <paramref name="resolution"/>.</summary>
    public static int Radius(double p, int resolution)
    {
        var k = NearestCdfIndex(p);
        return Math.Max((int)Math.Floor(_grid[k] * resolution), 1);
    }

    /// <summary>Index of the CDF value closest to p (the first one on ties, like argmin).</summary>
    public static int NearestCdfIndex(double p)
    {
        var hi = Array.BinarySearch(_cdf, p);
        if (hi >= 0)
        {
            return FirstEqual(hi);
        }
        hi = ~hi;
        if (hi == 0)
        {
            return 0;
        }
        if (hi == GridSize)
        {
            return FirstEqual(GridSize - 1);
        }
        var lo = hi - 1;
        return p - _cdf[lo] <= _cdf[hi] - p ? FirstEqual(lo) : hi;
    }

    private static int FirstEqual(int k)
    {
        while (k > 0 && _cdf[k - 1] == _cdf[k])
        {
            k--;
        }
        return k;
    }

    private static double[] BuildGrid()
    {
        var r = new double[GridSize];
        for (var k = 0; k < GridSize; k++)
        {
            r[k] = 0.1 + 0.9 * k / (GridSize - 1);
        }
        return r;
    }

    private static double[] BuildCdf()
    {
        var w = new double[GridSize];
        var total = 0.0;
        for (var k = 0; k < GridSize; k++)
        {
            // The "−1" is 1/r_max^σ with r_max = 1, so the last weight is 0.
            w[k] = Math.Pow(_grid[k], -Sigma) - 1;
            total += w[k];
        }
        var cdf = new double[GridSize];
        var run = 0.0;
        for (var k = 0; k < GridSize; k++)
        {
            run += w[k];
            cdf[k] = run / total;
        }
        return cdf;
    }
}

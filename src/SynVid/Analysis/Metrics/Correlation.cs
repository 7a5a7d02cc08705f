namespace SynVid.Analysis.Metrics;

/// <summary>A correlation coefficient with its bootstrap confidence interval.</summary>
/// <param name="R">The coefficient on the full sample (NaN when undefined, e.g. a constant variable).</param>
/// <param name="Low">Lower percentile bound of the bootstrap interval (NaN when undefined).</param>
/// <param name="High">Upper bound.</param>
/// <param name="Count">Number of pairs.</param>
public sealed record CorrelationEstimate(double R, double Low, double High, int Count);

/// <summary>How bootstrap intervals are drawn.</summary>
/// <param name="Resamples">Number of bootstrap resamples (2000).</param>
/// <param name="Confidence">Central coverage (0.95).</param>
/// <param name="Seed">Seed of the resampling.</param>
public sealed record BootstrapOptions(int Resamples = 2000, double Confidence = 0.95, int Seed = 0);

/// <summary>
/// Pearson and Spearman correlation with percentile-bootstrap intervals: each resample draws n pairs with replacement;
/// resamples where r is undefined (a constant variable) are dropped; the interval is the (1−c)/2 and (1+c)/2 quantiles
/// (linear interpolation between order statistics) of the remaining r values.
/// </summary>
public static class Correlation
{
    /// <summary>Pearson's r.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Check(x, y);
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Spearman's ρ: Pearson's r of the ranks (ties get their average rank).</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Check(x, y);
        return Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>Average ranks, 1-based.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }
            var rank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>Pearson's r with its bootstrap interval.</summary>
    public static CorrelationEstimate PearsonWithInterval(IReadOnlyList<double> x, IReadOnlyList<double> y, BootstrapOptions? options = null) =>
        WithInterval(x, y, Pearson, options ?? new BootstrapOptions());

    /// <summary>Spearman's ρ with its bootstrap interval.</summary>
    public static CorrelationEstimate SpearmanWithInterval(IReadOnlyList<double> x, IReadOnlyList<double> y, BootstrapOptions? options = null) =>
        WithInterval(x, y, Spearman, options ?? new BootstrapOptions());

    private static CorrelationEstimate WithInterval(
        IReadOnlyList<double> x, IReadOnlyList<double> y, Func<IReadOnlyList<double>, IReadOnlyList<double>, double> statistic, BootstrapOptions options)
    {
        Check(x, y);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Resamples, 1);
        if (options.Confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "confidence must be in (0, 1)");
        }
        var r = statistic(x, y);
        var n = x.Count;
        var rng = new Random(options.Seed);
        var samples = new List<double>(options.Resamples);
        var bx = new double[n];
        var by = new double[n];
        for (var b = 0; b < options.Resamples; b++)
        {
            for (var i = 0; i < n; i++)
            {
                var k = rng.Next(n);
                bx[i] = x[k];
                by[i] = y[k];
            }
            var value = statistic(bx, by);
            if (!double.IsNaN(value))
            {
                samples.Add(value);
            }
        }
        if (samples.Count == 0)
        {
            return new CorrelationEstimate(r, double.NaN, double.NaN, n);
        }
        samples.Sort();
        var tail = (1 - options.Confidence) / 2;
        return new CorrelationEstimate(r, Quantile(samples, tail), Quantile(samples, 1 - tail), n);
    }

    /// <summary>Quantile q of sorted values, linear between order statistics (numpy's default).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    private static void Check(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"lengths differ: {x.Count} and {y.Count}");
        }
        if (x.Count < 2)
        {
            throw new UserInputException($"a correlation needs at least 2 pairs, got {x.Count}");
        }
    }
}

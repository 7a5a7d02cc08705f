namespace SynVid.Analysis.Metrics;

/// <summary>
/// The permutation test of Spearman's ρ: under the null hypothesis every pairing of the y values with the x values is
/// equally likely, so p is the share of pairings whose ρ is at least the observed one. Up to
/// <see cref="ExactUpTo"/> pairs every one of the n! pairings is enumerated (the observed one included, so p ≥ 1/n!);
/// beyond, a seeded sample of random pairings gives p = (1 + hits)/(1 + samples), which never reports 0.
/// Ties keep their average ranks in every pairing.
/// </summary>
public static class PermutationTest
{
    /// <summary>Largest n enumerated exactly (9! = 362,880 pairings).</summary>
    public const int ExactUpTo = 9;

    /// <summary>Random pairings drawn above <see cref="ExactUpTo"/>.</summary>
    public const int DefaultPermutations = 100_000;

    // ρ values equal up to rounding count as ties, so the observed pairing always counts itself
    private const double Tolerance = 1e-9;

    /// <summary>Spearman's ρ of (x, y) with one- and two-sided permutation p-values.</summary>
    public static RankCorrelationTest Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y, int permutations = DefaultPermutations, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        var rho = Correlation.Spearman(x, y);
        var n = x.Count;
        if (double.IsNaN(rho))
        {
            return new RankCorrelationTest(rho, double.NaN, double.NaN, n <= ExactUpTo, 0, n);
        }
        // ρ of a pairing is Σ rx·ry over the centred ranks, divided by a constant
        var rx = Centred(Correlation.Ranks(x));
        var ry = Centred(Correlation.Ranks(y));
        var norm = Math.Sqrt(rx.Sum(v => v * v) * ry.Sum(v => v * v));
        long greater = 0, larger = 0, total = 0;
        void Count(double[] paired)
        {
            var r = 0.0;
            for (var i = 0; i < n; i++)
            {
                r += rx[i] * paired[i];
            }
            r /= norm;
            greater += r >= rho - Tolerance ? 1 : 0;
            larger += Math.Abs(r) >= Math.Abs(rho) - Tolerance ? 1 : 0;
            total++;
        }
        if (n <= ExactUpTo)
        {
            EachPermutation(ry, Count);
            return new RankCorrelationTest(rho, (double)greater / total, (double)larger / total, true, total, n);
        }
        var rng = new Random(seed);
        var shuffled = (double[])ry.Clone();
        for (var s = 0; s < permutations; s++)
        {
            rng.Shuffle(shuffled);
            Count(shuffled);
        }
        return new RankCorrelationTest(rho, (1.0 + greater) / (1.0 + total), (1.0 + larger) / (1.0 + total), false, total, n);
    }

    /// <summary>Calls <paramref name="visit"/> with every ordering of <paramref name="values"/> once (Heap's algorithm, in place).</summary>
    private static void EachPermutation(double[] values, Action<double[]> visit)
    {
        var a = (double[])values.Clone();
        var c = new int[a.Length];
        visit(a);
        for (var i = 1; i < a.Length;)
        {
            if (c[i] < i)
            {
                var j = i % 2 == 0 ? 0 : c[i];
                (a[j], a[i]) = (a[i], a[j]);
                visit(a);
                c[i]++;
                i = 1;
            }
            else
            {
                c[i] = 0;
                i++;
            }
        }
    }

    private static double[] Centred(double[] values)
    {
        var mean = values.Average();
        return [.. values.Select(v => v - mean)];
    }
}

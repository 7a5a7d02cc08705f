using SynVid.Synthesis;

namespace SynVid.Tests.Synthesis;

public class RadiusLawTests
{
    private static int[] Draw(int n, int res)
    {
        var rng = new SeededRandom(2024);
        var r = new int[n];
        for (var i = 0; i < n; i++)
        {
            r[i] = RadiusLaw.Radius(rng.NextDouble(), res);
        }
        Array.Sort(r);
        return r;
    }

    [Fact]
    public void PercentilesMatchTheReferenceAtRes256()
    {
        // docs/reference-behaviour.md §2.3: P10 25, median 34, mean ≈ 42.8, P90 70, P99 151, min 25, max ≤ 254.
        var r = Draw(200_000, 256);
        int P(double q) => r[(int)(q * (r.Length - 1))];
        Assert.Equal(25, r[0]);
        Assert.Equal(25, P(0.10));
        Assert.InRange(P(0.50), 33, 35);
        Assert.InRange(r.Average(), 42.4, 43.3);
        Assert.InRange(P(0.90), 69, 72);
        Assert.InRange(P(0.99), 147, 155);
        Assert.True(r[^1] <= 254, $"max {r[^1]}");
        var p25 = r.Count(x => x == 25) / (double)r.Length;
        Assert.InRange(p25, 0.123, 0.134);
        Assert.InRange(r.Count(x => x <= 0.2 * 256) / (double)r.Length, 0.77, 0.81);
    }

    [Fact]
    public void NearestCdfRuleTakesTheClosestGridPointAndNeverTheLast()
    {
        Assert.Equal(0, RadiusLaw.NearestCdfIndex(0));
        // CDF[198] = CDF[199] = 1 because the last weight is 0: argmin picks the first, 198.
        Assert.Equal(198, RadiusLaw.NearestCdfIndex(0.999999999));
        Assert.Equal(254, RadiusLaw.Radius(0.999999999, 256));
        Assert.Equal(1, RadiusLaw.Radius(0, 4));
    }
}

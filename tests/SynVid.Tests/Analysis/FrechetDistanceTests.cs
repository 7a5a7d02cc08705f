using SynVid.Analysis.Metrics;

namespace SynVid.Tests.Analysis;

public sealed class FrechetDistanceTests
{
    [Fact]
    public void DiagonalCovariancesMatchTheClosedForm()
    {
        // Commuting covariances: Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½) = Σ (√a − √b)².
        var a = new GaussianStats([1, 2, 3], Diag(4, 1, 0.25), 100);
        var b = new GaussianStats([0, 2, 5], Diag(1, 9, 0.25), 100);
        var expected = 1 + 0 + 4 + Math.Pow(2 - 1, 2) + Math.Pow(1 - 3, 2) + 0;
        Assert.Equal(expected, FrechetDistance.Between(a, b), 10);
    }

    [Fact]
    public void NonCommutingTwoByTwoMatchesTheClosedForm()
    {
        // For 2×2 PSD matrices, Tr((Σ₁Σ₂)^½) = √(tr(Σ₁Σ₂) + 2√(det Σ₁ det Σ₂)).
        double[,] s1 = { { 2, 0.8 }, { 0.8, 1 } }, s2 = { { 1, -0.3 }, { -0.3, 3 } };
        var trProduct = (s1[0, 0] * s2[0, 0]) + (s1[0, 1] * s2[1, 0]) + (s1[1, 0] * s2[0, 1]) + (s1[1, 1] * s2[1, 1]);
        var det1 = (s1[0, 0] * s1[1, 1]) - (s1[0, 1] * s1[1, 0]);
        var det2 = (s2[0, 0] * s2[1, 1]) - (s2[0, 1] * s2[1, 0]);
        var traceSqrt = Math.Sqrt(trProduct + (2 * Math.Sqrt(det1 * det2)));
        var expected = (0.5 * 0.5) + (1.5 * 1.5) + 3 + 4 - (2 * traceSqrt);
        var fd = FrechetDistance.Between(new GaussianStats([0, 0], s1, 10), new GaussianStats([0.5, -1.5], s2, 10));
        Assert.Equal(expected, fd, 10);
    }

    [Fact]
    public void FidOfLargeGaussianSamplesApproachesTheTrueDistance()
    {
        double[,] l1 = { { 1, 0, 0 }, { 0.5, 1, 0 }, { -0.2, 0.3, 0.7 } };
        double[,] l2 = { { 1.5, 0, 0 }, { 0, 0.6, 0 }, { 0.4, 0, 1.1 } };
        double[] m1 = [0, 1, 2], m2 = [0.5, 0.5, 2];
        var truth = FrechetDistance.Between(new GaussianStats(m1, GaussianSamples.Covariance(l1), 0), new GaussianStats(m2, GaussianSamples.Covariance(l2), 0));
        var x = GaussianSamples.Draw(m1, l1, 20000, seed: 1);
        var y = GaussianSamples.Draw(m2, l2, 20000, seed: 2);
        Assert.Equal(truth, FrechetDistance.Between(x, y), 1);
        Assert.InRange(FrechetDistance.Between(x, y) / truth, 0.95, 1.05);
    }

    [Fact]
    public void IdenticalSetsGiveZeroEvenWhenRankDeficient()
    {
        // 20 samples in 64 dimensions: a singular covariance, where a naive sqrtm goes complex.
        var rng = new Random(3);
        var values = Enumerable.Range(0, 20 * 64).Select(_ => (float)rng.NextDouble()).ToArray();
        var x = new FeatureMatrix(20, 64, values);
        Assert.InRange(FrechetDistance.Between(x, x), 0, 1e-6);
    }

    private static double[,] Diag(params double[] v)
    {
        var m = new double[v.Length, v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            m[i, i] = v[i];
        }
        return m;
    }
}

using SynVid.Analysis.Metrics;

namespace SynVid.Tests.Analysis;

public sealed class KernelInceptionDistanceTests
{
    [Fact]
    public void MatchesTheClosedFormMmdOfTwoGaussians()
    {
        double[,] l1 = { { 1, 0, 0 }, { 0.3, 0.8, 0 }, { 0, 0.2, 0.5 } };
        double[,] l2 = { { 0.7, 0, 0 }, { 0, 1.2, 0 }, { 0.1, 0, 0.9 } };
        double[] m1 = [0.5, 0, 1], m2 = [0, 0.4, 1.2];
        var c1 = GaussianSamples.Covariance(l1);
        var c2 = GaussianSamples.Covariance(l2);
        var expected = ExpectedKernel(m1, c1, m1, c1) + ExpectedKernel(m2, c2, m2, c2) - (2 * ExpectedKernel(m1, c1, m2, c2));

        var x = GaussianSamples.Draw(m1, l1, 4000, seed: 11);
        var y = GaussianSamples.Draw(m2, l2, 4000, seed: 12);
        var kid = KernelInceptionDistance.Compute(x, y, new KidOptions(SubsetSize: 1000, Subsets: 50, Seed: 1));
        Assert.Equal(1000, kid.SubsetSize);
        Assert.InRange(kid.Mean, expected * 0.9, expected * 1.1);
    }

    [Fact]
    public void IsUnbiasedForIdenticalDistributions()
    {
        // The unbiased estimator averages to 0 (individual values are negative about half the time).
        double[,] l = { { 1, 0 }, { 0.5, 1 } };
        var values = new List<double>();
        for (var s = 0; s < 40; s++)
        {
            var x = GaussianSamples.Draw([1, 0], l, 60, seed: 100 + s);
            var y = GaussianSamples.Draw([1, 0], l, 60, seed: 200 + s);
            values.Add(KernelInceptionDistance.Compute(x, y, new KidOptions(Subsets: 1, Seed: s)).Mean);
        }
        var mean = values.Average();
        var se = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) / values.Count);
        Assert.InRange(mean, -3 * se, 3 * se);
        Assert.Contains(values, v => v < 0);
    }

    [Fact]
    public void SubsetSizeIsCappedBySampleCountAndSeeded()
    {
        var x = GaussianSamples.Draw([0, 0], new double[,] { { 1, 0 }, { 0, 1 } }, 50, seed: 1);
        var y = GaussianSamples.Draw([1, 0], new double[,] { { 1, 0 }, { 0, 1 } }, 80, seed: 2);
        var a = KernelInceptionDistance.Compute(x, y, new KidOptions(Subsets: 5, Seed: 3));
        var b = KernelInceptionDistance.Compute(x, y, new KidOptions(Subsets: 5, Seed: 3));
        Assert.Equal(50, a.SubsetSize);
        Assert.Equal(a, b);
    }

    /// <summary>E[(XᵀY/d + 1)³] for independent X ~ N(μa, Σa), Y ~ N(μb, Σb), from Gaussian moments up to third order.</summary>
    private static double ExpectedKernel(double[] ma, double[,] ca, double[] mb, double[,] cb)
    {
        var d = ma.Length;
        double Second(double[] m, double[,] c, int i, int j) => c[i, j] + (m[i] * m[j]);
        double Third(double[] m, double[,] c, int i, int j, int k) =>
            (m[i] * m[j] * m[k]) + (m[i] * c[j, k]) + (m[j] * c[i, k]) + (m[k] * c[i, j]);
        double e1 = 0, e2 = 0, e3 = 0;
        for (var i = 0; i < d; i++)
        {
            e1 += ma[i] * mb[i];
            for (var j = 0; j < d; j++)
            {
                e2 += Second(ma, ca, i, j) * Second(mb, cb, i, j);
                for (var k = 0; k < d; k++)
                {
                    e3 += Third(ma, ca, i, j, k) * Third(mb, cb, i, j, k);
                }
            }
        }
        return 1 + (3 * e1 / d) + (3 * e2 / (d * d)) + (e3 / (d * d * d));
    }
}

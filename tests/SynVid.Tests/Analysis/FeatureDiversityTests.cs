using SynVid.Analysis.Metrics;

namespace SynVid.Tests.Analysis;

public sealed class FeatureDiversityTests
{
    [Fact]
    public void FullRankCovarianceGivesItsLogDeterminant()
    {
        double[,] cov = { { 2, 0.5, 0 }, { 0.5, 1, 0 }, { 0, 0, 3 } };
        var det = ((2 * 1) - (0.5 * 0.5)) * 3;
        var result = FeatureDiversity.LogDet(cov, epsilon: 1e-12);
        Assert.Equal(Math.Log(det), result.LogDet, 9);
        Assert.Equal(result.LogDet / 3, result.LogDetPerDim, 12);
        Assert.Equal(3, result.Rank);
    }

    [Fact]
    public void RankDeficientCovarianceAddsLogEpsilonPerNullDirection()
    {
        // Feature 2 copies feature 1, so one eigenvalue is exactly 0.
        var rng = new Random(5);
        const int n = 500;
        var values = new float[n * 3];
        for (var i = 0; i < n; i++)
        {
            var a = (float)GaussianSamples.Normal(rng);
            values[i * 3] = a;
            values[(i * 3) + 1] = a;
            values[(i * 3) + 2] = (float)(2 * GaussianSamples.Normal(rng));
        }
        var features = new FeatureMatrix(n, 3, values);
        var cov = GaussianStats.FromFeatures(features).Covariance;
        var result = FeatureDiversity.LogDet(features);
        // In the basis ((e1 + e2)/√2, e3) the non-null block is [[2v, √2 c13], [√2 c13, c33]].
        var blockDet = (2 * cov[0, 0] * cov[2, 2]) - (2 * cov[0, 2] * cov[0, 2]);
        var expected = Math.Log(blockDet) + Math.Log(1e-6);
        Assert.Equal(expected, result.LogDet, 4);
        Assert.Equal(2, result.Rank);
        Assert.True(double.IsFinite(result.LogDet));
    }
}

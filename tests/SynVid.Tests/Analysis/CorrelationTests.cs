using SynVid.Analysis.Metrics;

namespace SynVid.Tests.Analysis;

public sealed class CorrelationTests
{
    [Fact]
    public void PearsonAndSpearmanMatchHandComputedValues()
    {
        double[] x = [1, 2, 3, 4, 5], y = [2, 4, 5, 4, 5];
        // r = 6 / √(10 · 6) and ρ from ranks (1, 2, 3, 4, 5) vs (1, 2.5, 4.5, 2.5, 4.5).
        Assert.Equal(6 / Math.Sqrt(60), Correlation.Pearson(x, y), 12);
        Assert.Equal(Correlation.Pearson([1, 2, 3, 4, 5], [1, 2.5, 4.5, 2.5, 4.5]), Correlation.Spearman(x, y), 12);
        Assert.Equal(7 / Math.Sqrt(90), Correlation.Spearman(x, y), 12);
    }

    [Fact]
    public void SpearmanIsOneForAnyMonotoneRelationAndPearsonIsNot()
    {
        var x = Enumerable.Range(1, 10).Select(i => (double)i).ToArray();
        var y = x.Select(v => Math.Exp(v)).ToArray();
        Assert.Equal(1.0, Correlation.Spearman(x, y), 12);
        Assert.True(Correlation.Pearson(x, y) < 0.9);
        Assert.Equal(-1.0, Correlation.Pearson(x, x.Select(v => 3 - (2 * v)).ToArray()), 12);
    }

    [Fact]
    public void BootstrapIntervalBracketsREstimateAndIsSeeded()
    {
        var rng = new Random(1);
        var x = Enumerable.Range(0, 40).Select(_ => GaussianSamples.Normal(rng)).ToArray();
        var y = x.Select(v => v + (0.8 * GaussianSamples.Normal(rng))).ToArray();
        var a = Correlation.PearsonWithInterval(x, y, new BootstrapOptions(Resamples: 500, Seed: 4));
        var b = Correlation.PearsonWithInterval(x, y, new BootstrapOptions(Resamples: 500, Seed: 4));
        Assert.Equal(a, b);
        Assert.InRange(a.R, a.Low, a.High);
        Assert.True(a.High - a.Low is > 0.05 and < 0.6);
        var perfect = Correlation.SpearmanWithInterval(x, x, new BootstrapOptions(Resamples: 200));
        Assert.Equal(1.0, perfect.Low, 12);
        Assert.Equal(1.0, perfect.High, 12);
    }
}

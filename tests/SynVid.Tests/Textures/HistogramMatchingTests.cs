using SynVid.Textures;

namespace SynVid.Tests.Textures;

public class HistogramMatchingTests
{
    [Fact]
    public void MatchedValuesFollowTheTargetQuantiles()
    {
        var rng = new TextureRng(1, 2, 3);
        var target = WaveletMarginalModel.Density(4, 0.5);
        var values = new float[65536];
        rng.FillUniform(values, 10f);
        HistogramMatching.Match(values, target);
        var sorted = values.Order().ToArray();
        foreach (var q in new[] { 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
        {
            var expected = target.Quantile(q);
            var actual = sorted[(int)(q * (sorted.Length - 1))];
            Assert.True(Math.Abs(actual - expected) < 0.02 * target.Std + 0.6, $"q={q}: {actual} vs {expected}");
        }
        var (mean, std) = HistogramMatching.Moments(values);
        Assert.Equal(target.Mean, mean, 0.05 * target.Std);
        Assert.Equal(target.Std, std, 0.05 * target.Std);
    }

    [Fact]
    public void MatchingIsInvariantToPositiveAffineChangesOfTheSource()
    {
        var rng = new TextureRng(5, 6, 7);
        var a = new float[4096];
        rng.FillNormal(a);
        var b = a.Select(v => 3 * v + 11).ToArray();
        var target = WaveletMarginalModel.Density(16, 0.7);
        HistogramMatching.Match(a, target);
        HistogramMatching.Match(b, target);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], b[i], 0.05f);
        }
    }

    [Fact]
    public void WaveletTargetsHaveTheDocumentedMoments()
    {
        // docs/reference-textures.md §1.2c table: ŝ = 4 gives σ ≈ 61.6 at r̂ = 0.4 and ≈ 8.8 at r̂ = 0.8; ŝ = 16 gives 85.3 … 34.6.
        Assert.Equal(61.6, WaveletMarginalModel.Density(4, 0.4).Std, 0.2);
        Assert.Equal(8.8, WaveletMarginalModel.Density(4, 0.8).Std, 0.2);
        Assert.Equal(85.3, WaveletMarginalModel.Density(16, 0.4).Std, 0.2);
        Assert.Equal(34.6, WaveletMarginalModel.Density(16, 0.8).Std, 0.2);
        Assert.Equal(0, WaveletMarginalModel.Density(256, 0.6).Mean, 1e-9);
    }
}

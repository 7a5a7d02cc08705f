using System.Globalization;
using SynVid.Analysis.Metrics;
using SynVid.Benchmarking;

namespace SynVid.Bench;

/// <summary>Fréchet distance and diversity log-determinant between Inception-sized (2048-d) Gaussians, in double precision.</summary>
internal static class FrechetBenchmark
{
    internal static string Run()
    {
        const int d = 2048;
        var a = Stats(d, 1);
        var b = Stats(d, 2);
        var frechet = Timing.Measure(() => FrechetDistance.Between(a, b), iterations: 1, warmup: 0);
        var logdet = Timing.Measure(() => FeatureDiversity.LogDet(a.Covariance), iterations: 1, warmup: 0);
        return string.Create(CultureInfo.InvariantCulture, $"d = {d}: Fréchet distance {frechet.MedianMs / 1000:F1} s, logdet {logdet.MedianMs / 1000:F1} s (MathNet managed provider)");
    }

    /// <summary>The covariance and mean of d uniform random samples in d dimensions (rank d − 1).</summary>
    private static GaussianStats Stats(int d, int seed)
    {
        var rng = new Random(seed);
        var values = new float[d * d];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(rng.NextDouble() - 0.5);
        }
        return GaussianStats.FromFeatures(new FeatureMatrix(d, d, values));
    }
}

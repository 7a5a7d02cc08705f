using SynVid.Analysis.Metrics;

namespace SynVid.Tests.Analysis;

/// <summary>Seeded samples from N(μ, LLᵀ) for the metric tests.</summary>
internal static class GaussianSamples
{
    internal static FeatureMatrix Draw(double[] mean, double[,] choleskyFactor, int count, int seed)
    {
        var d = mean.Length;
        var rng = new Random(seed);
        var values = new float[count * d];
        var z = new double[d];
        for (var n = 0; n < count; n++)
        {
            for (var i = 0; i < d; i++)
            {
                z[i] = Normal(rng);
            }
            for (var i = 0; i < d; i++)
            {
                var v = mean[i];
                for (var j = 0; j <= i; j++)
                {
                    v += choleskyFactor[i, j] * z[j];
                }
                values[(n * d) + i] = (float)v;
            }
        }
        return new FeatureMatrix(count, d, values);
    }

    internal static double[,] Covariance(double[,] l)
    {
        var d = l.GetLength(0);
        var c = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                for (var k = 0; k < d; k++)
                {
                    c[i, j] += l[i, k] * l[j, k];
                }
            }
        }
        return c;
    }

    internal static double Normal(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

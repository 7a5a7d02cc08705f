using SynVid.Evaluation.Perturbations;
using SynVid.Video;

namespace SynVid.Tests.Evaluation;

/// <summary>
/// Noise statistics per severity on mid-grey clips (16 frames of 64², 196,608 values). Expected moments are
/// computed exactly from the stated model, including the ⌊clip·255⌋ quantisation, so clipping at high severities is
/// accounted for; tolerances are a few standard errors.
/// </summary>
public class NoisePerturbationTests
{
    private const byte Grey = 128;

    public static TheoryData<int> Levels => new() { 1, 2, 3, 4, 5 };

    private static RgbImage[] GreyClip(byte value = Grey) =>
        [.. Enumerable.Range(0, 16).Select(_ => new RgbImage(64, 64, Enumerable.Repeat(value, 64 * 64 * 3).ToArray()))];

    private static double[] Values(RgbImage[] frames) => [.. frames.SelectMany(f => f.Pixels).Select(b => (double)b)];

    private static (double Mean, double Std) Moments(double[] values)
    {
        var mean = values.Average();
        return (mean, Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)));
    }

    /// <summary>Mean and std of ⌊clip(x + σZ, 0, 1)·255⌋ for a standard normal Z.</summary>
    private static (double Mean, double Std) QuantisedGaussianMoments(double x, double sigma)
    {
        double m1 = 0, m2 = 0;
        for (var k = 0; k <= 255; k++)
        {
            // Output k covers x + σZ ∈ [k/255, (k+1)/255), with the tails clipped into 0 and 255.
            var lo = k == 0 ? double.NegativeInfinity : (k / 255.0 - x) / sigma;
            var hi = k == 255 ? double.PositiveInfinity : ((k + 1) / 255.0 - x) / sigma;
            var p = NormalCdf(hi) - NormalCdf(lo);
            m1 += p * k;
            m2 += p * k * k;
        }
        return (m1, Math.Sqrt(m2 - m1 * m1));
    }

    private static double NormalCdf(double z)
    {
        if (double.IsInfinity(z))
        {
            return z > 0 ? 1 : 0;
        }
        // Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7).
        var t = 1 / (1 + 0.3275911 * Math.Abs(z) / Math.Sqrt(2));
        var erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
            * Math.Exp(-z * z / 2);
        return z >= 0 ? 1 - erfc / 2 : erfc / 2;
    }

    private static RgbImage[] Run(ISpatialPerturbation p, int severity, RgbImage[]? clip = null) =>
        p.Apply(clip ?? GreyClip(), severity, PerturbationRandom.For(5, 0, p.Key, severity));

    [Theory]
    [MemberData(nameof(Levels))]
    public void GaussianNoiseHasTheSeveritysStandardDeviation(int severity)
    {
        var (mean, std) = Moments(Values(Run(new GaussianNoise(), severity)));
        var (expectedMean, expectedStd) = QuantisedGaussianMoments(Grey / 255.0, GaussianNoise.Sigmas[severity - 1]);
        Assert.InRange(std, expectedStd * 0.99, expectedStd * 1.01);
        Assert.InRange(mean, expectedMean - 0.5, expectedMean + 0.5);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void SpeckleNoiseScalesWithIntensity(int severity)
    {
        var c = SpeckleNoise.Sigmas[severity - 1];
        var (_, std) = Moments(Values(Run(new SpeckleNoise(), severity)));
        var (_, expectedStd) = QuantisedGaussianMoments(Grey / 255.0, Grey / 255.0 * c);
        Assert.InRange(std, expectedStd * 0.99, expectedStd * 1.01);
        // Black stays black: multiplicative noise.
        Assert.All(Values(Run(new SpeckleNoise(), severity, GreyClip(0))), v => Assert.Equal(0, v));
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void ShotNoiseHasPoissonVariance(int severity)
    {
        var c = ShotNoise.Scales[severity - 1];
        var lambda = Grey / 255.0 * c;
        // Exact moments of ⌊clip(K/c, 0, 1)·255⌋ with K ~ Poisson(λ).
        double m1 = 0, m2 = 0, pmf = Math.Exp(-lambda);
        for (var k = 0; k < 2000; k++)
        {
            var v = Math.Floor(Math.Min(k / c, 1) * 255);
            m1 += pmf * v;
            m2 += pmf * v * v;
            pmf *= lambda / (k + 1);
        }
        var expectedStd = Math.Sqrt(m2 - m1 * m1);
        var (mean, std) = Moments(Values(Run(new ShotNoise(), severity)));
        Assert.InRange(std, expectedStd * 0.99, expectedStd * 1.01);
        Assert.InRange(mean, m1 - 0.5, m1 + 0.5);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void ImpulseNoiseFlipsTheSeveritysFractionHalfToSaltHalfToPepper(int severity)
    {
        var amount = ImpulseNoise.Amounts[severity - 1];
        var values = Values(Run(new ImpulseNoise(), severity));
        var n = values.Length;
        var salt = values.Count(v => v == 255);
        var pepper = values.Count(v => v == 0);
        Assert.Equal(n, salt + pepper + values.Count(v => v == Grey));
        var tolerance = 4 * Math.Sqrt(n * amount * (1 - amount));
        Assert.InRange(salt + pepper, n * amount - tolerance, n * amount + tolerance);
        var flipped = salt + pepper;
        Assert.InRange(salt, flipped / 2.0 - 4 * Math.Sqrt(flipped / 4.0), flipped / 2.0 + 4 * Math.Sqrt(flipped / 4.0));
    }

    [Fact]
    public void NoiseDiffersBetweenFramesAndIsReproducible()
    {
        var a = Run(new GaussianNoise(), 3);
        var b = Run(new GaussianNoise(), 3);
        Assert.All(a.Zip(b), pair => Assert.True(pair.First.PixelsEqual(pair.Second)));
        Assert.False(a[0].PixelsEqual(a[1]));
    }
}

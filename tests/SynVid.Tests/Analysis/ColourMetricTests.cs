using SynVid.Analysis.Metrics;

namespace SynVid.Tests.Analysis;

public sealed class ColourMetricTests
{
    [Theory]
    [InlineData(255, 255, 255, 100.0, 0.0, 0.0)]
    [InlineData(0, 0, 0, 0.0, 0.0, 0.0)]
    [InlineData(255, 0, 0, 53.2408, 80.0925, 67.2032)]
    [InlineData(0, 255, 0, 87.7347, -86.1827, 83.1793)]
    [InlineData(0, 0, 255, 32.2970, 79.1875, -107.8602)]
    [InlineData(128, 128, 128, 53.5850, 0.0, 0.0)]
    public void KnownColoursMatchReferenceLab(byte r, byte g, byte b, double l, double a, double bb)
    {
        var lab = CieLab.FromSrgb(r, g, b);
        Assert.InRange(lab.L - l, -0.01, 0.01);
        Assert.InRange(lab.A - a, -0.01, 0.01);
        Assert.InRange(lab.B - bb, -0.01, 0.01);
    }

    [Fact]
    public void SymmetricKlMatchesTheOneDimensionalClosedFormAndIsZeroForIdenticalGaussians()
    {
        // Independent axes: the 3-D KL is the sum of 1-D KLs ½[s_p/s_q + (Δμ)²/s_q − 1 + ln(s_q/s_p)].
        var p = new GaussianStats([0, 1, 2], new double[,] { { 1, 0, 0 }, { 0, 4, 0 }, { 0, 0, 2 } }, 10);
        var q = new GaussianStats([1, 1, 0], new double[,] { { 2, 0, 0 }, { 0, 4, 0 }, { 0, 0, 0.5 } }, 10);
        static double Kl(double mp, double sp, double mq, double sq) => 0.5 * ((sp / sq) + ((mq - mp) * (mq - mp) / sq) - 1 + Math.Log(sq / sp));
        var pq = Kl(0, 1, 1, 2) + Kl(1, 4, 1, 4) + Kl(2, 2, 0, 0.5);
        var qp = Kl(1, 2, 0, 1) + Kl(1, 4, 1, 4) + Kl(0, 0.5, 2, 2);
        Assert.Equal(pq, GaussianKl.Divergence(p, q), 10);
        Assert.Equal(pq + qp, GaussianKl.Symmetric(p, q), 10);
        Assert.Equal(0, GaussianKl.Symmetric(p, p), 10);
    }

    [Fact]
    public void SingularColourDistributionIsAUserError()
    {
        var p = new GaussianStats([0, 0, 0], new double[3, 3], 10);
        var q = new GaussianStats([0, 0, 0], new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, 10);
        Assert.Throws<SynVid.UserInputException>(() => GaussianKl.Symmetric(p, q));
    }
}

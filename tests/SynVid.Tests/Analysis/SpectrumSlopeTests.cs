using SynVid.Analysis.Metrics;
using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Tests.Analysis;

public sealed class SpectrumSlopeTests
{
    [Theory]
    [InlineData(0.8)]
    [InlineData(1.3)]
    [InlineData(2.0)]
    public void RecoversAlphaOfSyntheticPowerLawNoise(double alpha)
    {
        const int s = 128;
        var image = PowerLawNoise(s, alpha, seed: 7);
        var fitted = SpectrumSlope.Fit(SpectrumSlope.Radial(image));
        Assert.NotNull(fitted);
        Assert.Equal(alpha, fitted!.Value, 1);
        Assert.InRange(Math.Abs(fitted.Value - alpha), 0, 0.05);
    }

    [Fact]
    public void ConstantFrameHasNoSlopeAndGreyCropIsCentred()
    {
        var flat = new RgbImage(40, 20);
        Array.Fill(flat.Pixels, (byte)90);
        Assert.Null(SpectrumSlope.OfFrame(flat));
        var frame = new RgbImage(6, 4);
        frame.Pixels[frame.Offset(1, 0)] = 255; // column 1 of 6 is the first column of the centred 4×4 crop
        var grey = SpectrumSlope.Grayscale(frame);
        Assert.Equal(4, grey.GetLength(0));
        Assert.Equal(0.299 * 255, grey[0, 0], 9);
    }

    /// <summary>White noise filtered to amplitude r^−α (real, so the spectrum stays Hermitian).</summary>
    private static double[,] PowerLawNoise(int s, double alpha, int seed)
    {
        var rng = new Random(seed);
        var white = new double[s, s];
        for (var y = 0; y < s; y++)
        {
            for (var x = 0; x < s; x++)
            {
                white[y, x] = GaussianSamples.Normal(rng);
            }
        }
        using var scope = NewDisposeScope();
        var f = fft.fft2(tensor(white));
        var k = fft.fftfreq(s, d: 1.0 / s, dtype: ScalarType.Float64);
        var r = (k.unsqueeze(1).square() + k.unsqueeze(0).square()).sqrt();
        var gain = r.pow(-alpha);
        gain[0, 0] = tensor(0.0);
        var filtered = fft.ifft2(f * gain).real.contiguous();
        var flat = filtered.data<double>().ToArray();
        var result = new double[s, s];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }
}

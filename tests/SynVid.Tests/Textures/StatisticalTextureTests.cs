using SynVid.Textures;
using static TorchSharp.torch;

namespace SynVid.Tests.Textures;

public class StatisticalTextureTests
{
    [Fact]
    public void ImposedSpectrumFollowsTheSampledSlopeExactly()
    {
        const int n = 128;
        var model = new SpectrumModel(1.7, 1.7);
        var rng = new TextureRng(3, 4, 5);
        var planes = new float[3 * n * n];
        rng.FillUniform(planes, 256f);
        using var amplitude = model.AmplitudeTensor(n);
        StatisticalTextureGenerator.ImposeSpectrum(planes, n, amplitude);
        // Amplitude ∝ f^−s, so power ∝ f^−2s.
        var slope = TextureStatistics.PowerSpectrumSlope(planes[..(n * n)], n, 2, 40);
        Assert.InRange(slope, -2 * 1.7 - 0.1, -2 * 1.7 + 0.1);
    }

    [Fact]
    public void GeneratedSpectrumTexturesFollowTheirSampledSlopes()
    {
        using var generator = new StatisticalTextureGenerator(TextureKind.StatSpectrum, StatisticalTextureOptions.For(TextureKind.StatSpectrum, 128), seed: 11);
        var checkedCount = 0;
        for (var index = 0; index < 40 && checkedCount < 4; index++)
        {
            var spectrum = generator.SampleParameters(index).Spectrum!;
            var s = 0.5 * (spectrum.SlopeX + spectrum.SlopeY);
            if (s > 2.3)
            {
                continue;  // steep spectra sink below the 8-bit quantisation floor within the fitted band
            }
            var image = generator.Generate(index);
            var slope = TextureStatistics.PowerSpectrumSlope(TextureStatistics.Channel(image, 1), 128, 3, 24);
            Assert.True(Math.Abs(slope + 2 * s) < 0.35, $"index {index}: fitted power slope {slope:F2}, expected {-2 * s:F2}");
            checkedCount++;
        }
        Assert.Equal(4, checkedCount);
    }

    [Fact]
    public void ColourHistogramsFollowTheColourModel()
    {
        const int n = 64;
        using var generator = new StatisticalTextureGenerator(TextureKind.StatSpectrumColor, StatisticalTextureOptions.For(TextureKind.StatSpectrumColor, n), seed: 2);
        var image = generator.Generate(7);
        var colour = generator.SampleParameters(7).Colour;
        var other = generator.SampleParameters(8).Colour;
        // Output = a·(V·T + μ) + b jointly, so Vᵀ·output is an affine image of the matched decorrelated channels.
        var rgb = Enumerable.Range(0, 3).Select(c => TextureStatistics.Channel(image, c)).ToArray();
        for (var k = 0; k < 3; k++)
        {
            var decorrelated = new float[n * n];
            for (var p = 0; p < decorrelated.Length; p++)
            {
                decorrelated[p] = (float)(colour.Basis[0, k] * rgb[0][p] + colour.Basis[1, k] * rgb[1][p] + colour.Basis[2, k] * rgb[2][p]);
            }
            var target = colour.Histograms[k];
            var ks = TextureStatistics.StandardisedKs(decorrelated, target.Quantile, target.Mean, target.Std);
            Assert.True(ks < 0.06, $"channel {k}: KS {ks:F3} to its target");
            var foreign = other.Histograms[k];
            var foreignKs = TextureStatistics.StandardisedKs(decorrelated, foreign.Quantile, foreign.Mean, foreign.Std);
            Assert.True(foreignKs > ks, $"channel {k}: KS to another texture's target {foreignKs:F3} ≤ own {ks:F3}");
        }
    }

    [Fact]
    public void WaveletMarginalsMoveTowardTheTargets()
    {
        const int n = 64;
        using var pyramid = new SteerablePyramid(n, 2);
        var wmm = WaveletMarginalModel.Sample(new TextureRng(1, 2, 3), 1, 2, WmmLevelScaling.PythonPort);
        var values = new float[n * n];
        new TextureRng(4, 5, 6).FillUniform(values, 256f);
        var image = tensor(values, new long[] { 1, n, n });
        double Distance(Tensor img)
        {
            using var c = pyramid.Build(img);
            var total = 0.0;
            for (var b = 0; b < 4; b++)
            {
                var band = c.Bands[0][0, b].data<float>().ToArray();
                var target = wmm.Target(0, 1 + b);
                total += TextureStatistics.StandardisedKs(band, target.Quantile, target.Mean, target.Std);
            }
            return total / 4;
        }
        var before = Distance(image);
        for (var it = 0; it < 10; it++)
        {
            var next = wmm.Impose(pyramid, image);
            image.Dispose();
            image = next;
        }
        var after = Distance(image);
        image.Dispose();
        Assert.True(after < 0.5 * before, $"level-0 KS distance {before:F3} → {after:F3}");
    }

    [Fact]
    public void WaveletTexturesAreHeavyTailedInTheFineBands()
    {
        const int n = 128;
        using var generator = new StatisticalTextureGenerator(TextureKind.StatWmm, StatisticalTextureOptions.For(TextureKind.StatWmm, n), seed: 5);
        var image = generator.Generate(1);
        using var pyramid = new SteerablePyramid(n, 3);
        using var gray = tensor(TextureStatistics.Channel(image, 1), new long[] { 1, n, n });
        using var c = pyramid.Build(gray);
        var kurtosis = TextureStatistics.Kurtosis(c.Bands[0].data<float>().ToArray());
        // Targets at level 0 have kurtosis 4.7 … 12.9; noise-like bands have ≈ 3.
        Assert.True(kurtosis > 4, $"level-0 kurtosis {kurtosis:F2}");
    }

    [Theory]
    [InlineData(TextureKind.StatSpectrum)]
    [InlineData(TextureKind.StatWmm)]
    [InlineData(TextureKind.StatSpectrumColor)]
    [InlineData(TextureKind.StatSpectrumColorWmm)]
    public void TexturesAreDeterministicAcrossThreadCountsAndDifferByIndex(TextureKind kind)
    {
        using var generator = new StatisticalTextureGenerator(kind, StatisticalTextureOptions.For(kind, 64) with { Iterations = 3 }, seed: 9);
        var threads = get_num_threads();
        try
        {
            set_num_threads(1);
            var one = generator.Generate(3);
            set_num_threads(2);
            var two = generator.Generate(3);
            Assert.True(one.PixelsEqual(two), $"{kind}: 1 vs 2 torch threads differ");
            Assert.False(one.PixelsEqual(generator.Generate(4)));
        }
        finally
        {
            set_num_threads(threads);
        }
        using var sameSeed = new StatisticalTextureGenerator(kind, StatisticalTextureOptions.For(kind, 64) with { Iterations = 3 }, seed: 9);
        Assert.True(generator.Generate(5).PixelsEqual(sameSeed.Generate(5)));
    }
}

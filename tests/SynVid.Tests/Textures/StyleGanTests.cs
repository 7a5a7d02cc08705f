using SynVid.Textures;
using static TorchSharp.torch;

namespace SynVid.Tests.Textures;

public class StyleGanTests
{
    private static readonly StyleGanOptions _small = new() { Resolution = 16, ChannelBase = 512, ReinitEvery = 400 };

    private static float[][] RandomWs(StyleGanOptions options, TextureRng rng) =>
        Enumerable.Range(0, options.NumWs).Select(_ =>
        {
            var w = new float[options.WDim];
            rng.FillNormal(w);
            return w.Select(v => Math.Max(v, 0.2f * v)).ToArray();
        }).ToArray();

    [Fact]
    public void RankOneManagedForwardMatchesChannelwiseTorchForward()
    {
        var rng = new TextureRng(1, 2, 3);
        using var network = StyleGanNetwork.Sample(_small, StyleGanVariant.Oriented, rng);
        using var draws = OrientedForwardDraws.Sample(_small, rng);
        var ws = RandomWs(_small, rng);
        var managed = OrientedStyleGan.Forward(_small, network, draws, ws);
        var dense = StyleGanSynthesis.Forward(_small, network, draws, ws);
        var scale = dense.Max(Math.Abs);
        var worst = managed.Zip(dense).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst < 1e-3 * scale, $"max difference {worst} (scale {scale})");
    }

    [Fact]
    public void DemodulatedChinWeightsReduceToSignedCopiesOfOneMap()
    {
        // docs/reference-textures.md §2.5: with W[o,i] = g_o·K_{k_i}, demodulation leaves sign(g_o)·U for every output channel.
        var rng = new TextureRng(4, 5, 6);
        const int cin = 12, cout = 6, n = 8;
        var kernels = Enumerable.Range(0, cin).Select(_ => rng.IntInclusive(0, 39)).ToArray();
        var gains = Enumerable.Range(0, cout).Select(_ => (float)rng.Normal()).ToArray();
        var w = new float[cout * cin * 9];
        for (var o = 0; o < cout; o++)
        {
            for (var i = 0; i < cin; i++)
            {
                for (var t = 0; t < 9; t++)
                {
                    w[(o * cin + i) * 9 + t] = gains[o] * OrientedWaveletBank.Kernels[kernels[i]][t];
                }
            }
        }
        var xValues = new float[cin * n * n];
        rng.FillNormal(xValues);
        var styles = Enumerable.Range(0, cin).Select(_ => rng.Uniform(0.5, 1.5)).ToArray();
        using var x = tensor(xValues, new long[] { cin, n, n });
        using var weight = tensor(w, new long[] { cout, cin, 3, 3 });
        using var fir = StyleGanSynthesis.UpsamplingFir();
        using var dense = StyleGanSynthesis.DenseLayer(x, weight, styles, up: false, fir);
        var draw = new OrientedLayerDraw(kernels, gains.Select(g => g < 0 ? -1f : 1f).ToArray(), 0, new float[cout]);
        using var noise = zeros(1, 1, n, n);
        using var rankOne = StyleGanSynthesis.OrientedLayer(x, draw, styles, up: false, fir, noise, n);
        Assert.True((dense - rankOne).abs().max().item<float>() < 1e-4f);
    }

    [Fact]
    public void OrientedLayersAreRankOneWhileRandomLayersAreNot()
    {
        var rng = new TextureRng(7, 8, 9);
        const int cin = 32, cout = 32, n = 16;
        var xValues = new float[cin * n * n];
        rng.FillNormal(xValues);
        using var x = tensor(xValues, new long[] { cin, n, n }).relu();
        var styles = Enumerable.Range(0, cin).Select(_ => rng.Uniform(0.5, 1.5)).ToArray();
        using var fir = StyleGanSynthesis.UpsamplingFir();
        var draw = OrientedLayerDraw.Sample(rng, cin, cout, new StyleGanOptions()) with { Biases = new float[cout], NoiseStrength = 0 };
        using var noise = zeros(1, 1, n, n);
        // Without bias and noise every oriented output channel is √2·relu(±U): at most two distinct maps.
        using var oriented = StyleGanSynthesis.OrientedLayer(x, draw, styles, up: false, fir, noise, n).reshape(cout, n * n);
        var weights = new float[cout * cin * 9];
        rng.FillNormal(weights);
        using var w = tensor(weights, new long[] { cout, cin, 3, 3 });
        using var random = StyleGanSynthesis.DenseLayer(x, w, styles, up: false, fir).reshape(cout, n * n);
        static int Rank(Tensor m)
        {
            using var s = linalg.svdvals(m);
            var values = s.data<float>().ToArray();
            return values.Count(v => v > 1e-4f * values[0]);
        }
        Assert.True(Rank(oriented) <= 2, $"oriented rank {Rank(oriented)}");
        Assert.True(Rank(random) > 16, $"random rank {Rank(random)}");
    }

    [Theory]
    [InlineData(StyleGanVariant.Random)]
    [InlineData(StyleGanVariant.Oriented)]
    public void OutputIsAnRgbImageThatIsDeterministicBySeedAndThreadCount(StyleGanVariant variant)
    {
        using var generator = new StyleGanTextureGenerator(variant, _small, seed: 3);
        var threads = get_num_threads();
        try
        {
            set_num_threads(1);
            var one = generator.Generate(5);
            set_num_threads(2);
            var two = generator.Generate(5);
            Assert.Equal(16, one.Width);
            Assert.Equal(16, one.Height);
            Assert.True(one.PixelsEqual(two), $"{variant}: 1 vs 2 torch threads differ");
        }
        finally
        {
            set_num_threads(threads);
        }
        using var same = new StyleGanTextureGenerator(variant, _small, seed: 3);
        using var other = new StyleGanTextureGenerator(variant, _small, seed: 4);
        Assert.True(generator.Generate(6).PixelsEqual(same.Generate(6)));
        Assert.False(generator.Generate(6).PixelsEqual(other.Generate(6)));
        Assert.False(generator.Generate(6).PixelsEqual(generator.Generate(7)));
    }

    [Fact]
    public void ReinitialisationDrawsANewNetworkEveryNImages()
    {
        using var everyImage = new StyleGanTextureGenerator(StyleGanVariant.Random, _small with { ReinitEvery = 1 }, seed: 1);
        using var rarely = new StyleGanTextureGenerator(StyleGanVariant.Random, _small with { ReinitEvery = 400 }, seed: 1);
        // Image 0 uses network instance 0 in both; image 1 uses instance 1 only in the first.
        Assert.True(everyImage.Generate(0).PixelsEqual(rarely.Generate(0)));
        Assert.False(everyImage.Generate(1).PixelsEqual(rarely.Generate(1)));
        using var a = StyleGanNetwork.Sample(_small, StyleGanVariant.Random, new TextureRng(1, 2, 0));
        using var b = StyleGanNetwork.Sample(_small, StyleGanVariant.Random, new TextureRng(1, 2, 1));
        Assert.True((a.ConvWeights![0] - b.ConvWeights![0]).abs().max().item<float>() > 0);
    }

    [Fact]
    public void OutputNormalisationImposesTheDrawnChannelMoments()
    {
        var normalisation = new StyleGanOutputNormalisation([0.5, 0.4, 0.6], [0.1, 0.05, 0.12]);
        const int n = 64;
        var planes = new float[3 * n * n];
        new TextureRng(1, 1, 1).FillNormal(planes);
        HistogramMatching.Affine(planes, 37f, -5f);
        var image = normalisation.Apply(planes, n);
        for (var c = 0; c < 3; c++)
        {
            var (mean, std) = HistogramMatching.Moments(TextureStatistics.Channel(image, c));
            Assert.Equal(255 * normalisation.Means[c], mean, 1.5);
            Assert.Equal(255 * normalisation.Stds[c], std, 0.05 * 255 * normalisation.Stds[c]);
        }
    }

    [Fact]
    public void DynamicSequencesChangeSmoothlyFromFrameToFrame()
    {
        using var generator = new StyleGanTextureGenerator(StyleGanVariant.Oriented, _small, seed: 2);
        var frames = generator.GenerateSequence(3, 4, stepStd: 0.05);
        Assert.Equal(4, frames.Count);
        static double MeanAbsDiff(SynVid.Video.RgbImage a, SynVid.Video.RgbImage b) => a.Pixels.Zip(b.Pixels).Average(p => Math.Abs(p.First - p.Second));
        var step = MeanAbsDiff(frames[0], frames[1]);
        var unrelated = MeanAbsDiff(frames[0], generator.Generate(4));
        Assert.True(step > 0, "frames must change");
        Assert.True(step < 0.5 * unrelated, $"frame step {step:F1} vs unrelated textures {unrelated:F1}");
    }
}

using SynVid.Analysis;
using SynVid.Analysis.Features;
using SynVid.Analysis.Metrics;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Tests.Cli;
using SynVid.Video;

namespace SynVid.Tests.Analysis;

public sealed class AttentionKeyPcaTests
{
    private static readonly VideoVitConfig _tiny = new() { ImageSize = 32, PatchSize = 16, NumFrames = 4, EmbedDim = 128, Depth = 2, NumHeads = 2 };

    [Fact]
    public void PrincipalComponentsFollowTheDominantDirections()
    {
        // Variance 9 along (1, 1, 0)/√2, 1 along z, 0.01 along (1, −1, 0)/√2.
        var rng = new Random(2);
        const int n = 4000;
        var values = new float[n * 3];
        for (var i = 0; i < n; i++)
        {
            double a = 3 * GaussianSamples.Normal(rng), b = GaussianSamples.Normal(rng), c = 0.1 * GaussianSamples.Normal(rng);
            values[i * 3] = (float)((a + c) / Math.Sqrt(2));
            values[(i * 3) + 1] = (float)((a - c) / Math.Sqrt(2));
            values[(i * 3) + 2] = (float)b;
        }
        var (components, explained) = AttentionKeyPca.Components(new FeatureMatrix(n, 3, values), 2);
        Assert.Equal(1 / Math.Sqrt(2), components[0], 2);
        Assert.Equal(1 / Math.Sqrt(2), components[2], 2);
        Assert.Equal(1.0, Math.Abs(components[5]), 2);
        Assert.InRange(explained[0], 0.88, 0.92);
        Assert.True(explained[0] > explained[1]);
    }

    [Fact]
    public void KeyMapsOfAPretrainingCheckpointAreMinMaxScaledPerComponent()
    {
        using var dir = new TempFolder();
        using (var pretrain = new PretrainModel(new PretrainConfig { Encoder = _tiny, DecoderEmbedDim = 32, DecoderDepth = 1, DecoderNumHeads = 1 }))
        {
            CheckpointWriter.Save(dir.File("pretrain.pth"), pretrain);
        }
        using var model = VideoMaeEncoder.Load(dir.File("pretrain.pth"), numFrames: 4, imageSize: 32);
        Assert.Equal(2, model.Config.Encoder.Depth);
        var clips = Enumerable.Range(0, 3).Select(i => (IReadOnlyList<RgbImage>)FeatureExtractorTests.Frames(4, 40, 40, seed: 20 + i)).ToList();
        var maps = AttentionKeyPca.Compute(model, clips);
        Assert.Equal([3, 2, 2, 2, 3], Enumerable.Range(0, 5).Select(maps.Colours.GetLength));
        for (var ch = 0; ch < 3; ch++)
        {
            var channel = maps.Colours.Cast<float>().Where((_, i) => i % 3 == ch).ToArray();
            Assert.Equal(0f, channel.Min(), 5);
            Assert.Equal(1f, channel.Max(), 5);
        }
        var image = AttentionKeyPca.Render(maps, tubeletSize: 2);
        Assert.Equal((2 * 36) + 4, image.Width);
    }

    [Fact]
    public void AttentionCommandWritesTheFigure()
    {
        using var dir = new TempFolder();
        using (var model = new VideoClassifier(new ClassifierConfig { Encoder = _tiny, NumClasses = 5 }))
        {
            CheckpointWriter.Save(dir.File("classifier.pth"), model);
        }
        var result = CliRunner.Run(
            "attention", "--checkpoint", dir.File("classifier.pth"), "--data", "stage:moving-circles,count=6,resolution=64",
            "--videos", "3", "--show", "2", "--frames", "4", "--size", "32", "--stride", "1", "--out", dir.File("out"));
        Assert.True(result.ExitCode == 0, result.StdErr + result.StdOut);
        var png = PngFile.Read(Path.Combine(dir.File("out"), "attention_keys.png"));
        Assert.Equal((2 * (2 * 36)) + 4 + 4, png.Height);

        var bad = CliRunner.Run("attention", "--checkpoint", dir.File("classifier.pth"), "--data", "stage:moving-circles", "--class", "x", "--out", dir.File("o2"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("class", bad.StdErr);
    }
}

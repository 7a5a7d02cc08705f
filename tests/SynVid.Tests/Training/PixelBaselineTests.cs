using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Training;
using static TorchSharp.torch;

namespace SynVid.Tests.Training;

public sealed class PixelBaselineTests
{
    // (B, 3, T, 8, 8) clips: class 0 static, class 1 flickers in the top-left quadrant, class 2 in the bottom-right
    private static Tensor Clips(int[] labels, int seed)
    {
        manual_seed(seed);
        var clips = rand([labels.Length, 3, 4, 8, 8]).mul_(0.1);
        // a static texture of its own per clip: colours alone must not predict the class
        clips.add_(rand([labels.Length, 3, 1, 8, 8]));
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == 0)
            {
                clips[i].copy_(clips[i].narrow(1, 0, 1).expand(3, 4, 8, 8));
                continue;
            }
            var (y, x) = labels[i] == 1 ? (0, 0) : (4, 4);
            for (var t = 1; t < 4; t += 2)
            {
                clips[i].narrow(1, t, 1).narrow(2, y, 4).narrow(3, x, 4).add_(1.0);
            }
        }
        return clips;
    }

    [Fact]
    public void AStaticClipHasNoMotionEnergyAndAFlickerShowsInItsCell()
    {
        using var clips = Clips([0, 1, 2], seed: 1);
        using var features = PixelBaseline.Features(clips, grid: 2);
        Assert.Equal([3L, 4L], features.shape);
        Assert.All(features[0].data<float>().ToArray(), v => Assert.Equal(0f, v, 5));
        var topLeft = features[1].data<float>().ToArray();
        Assert.True(topLeft[0] > 0.4f && topLeft[3] < 0.1f, string.Join(", ", topLeft));
        var bottomRight = features[2].data<float>().ToArray();
        Assert.True(bottomRight[3] > 0.4f && bottomRight[0] < 0.1f, string.Join(", ", bottomRight));
    }

    [Fact]
    public void TheRegressionSeparatesMotionClassesAndAveragesViews()
    {
        int[] trainLabels = [.. Enumerable.Range(0, 30).Select(i => i % 3)];
        int[] testLabels = [.. Enumerable.Range(0, 9).Select(i => i % 3)];
        using var trainClips = Clips(trainLabels, seed: 2);
        using var testClips = Clips([.. testLabels.SelectMany(l => new[] { l, l })], seed: 3);
        using var features = new ProbeFeatures(
            PixelBaseline.Features(trainClips, 2), null, trainLabels, PixelBaseline.Features(testClips, 2), null,
            [.. testLabels.Select((l, i) => new LabeledVideo($"v{i}", l))], new ViewCount(2, 1), ["static", "top-left", "bottom-right"], 0);
        var result = PixelBaseline.Evaluate(features, new PixelBaselineRecipe { Grid = 2 });
        Assert.Equal(100.0, result.Top1);
        Assert.All(result.Predictions, p => Assert.Equal(1f, p.Probabilities.Sum(), 4));
        Assert.Throws<UserInputException>(() => new PixelBaselineRecipe { C = 0 }.Validated());
    }

    [Fact]
    public void ItSeesTheViewsTheProbesSee()
    {
        var recipe = FineTunePresets.LinearProbe(FineTunePresets.CpuTiny) with { EvalBatch = 4 };
        var data = DownstreamData.Open(DatasetSpec.Parse("synaction:train=1,test=1,size=43x32,frames=32-40"),
            new DownstreamDataOptions(ClipLength: recipe.Frames, Stride: 2, Seed: 0));
        using var features = ProbeFeatures.ComputePixels(recipe with { Stride = 2 }, data, new PixelBaselineRecipe { Grid = 4 });
        Assert.Equal([10L, 16L], features.TrainEmbeddings.shape);
        Assert.Equal(10L * features.Views.Total, features.TestEmbeddings.shape[0]);
        // figures move, so every clip has some motion energy
        Assert.All(features.TrainEmbeddings.sum(1).data<float>().ToArray(), v => Assert.True(v > 0));
    }
}

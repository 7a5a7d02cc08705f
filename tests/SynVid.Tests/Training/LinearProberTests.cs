using System.Text.Json.Nodes;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Tests.Evaluation;
using SynVid.Training;
using static TorchSharp.torch;

namespace SynVid.Tests.Training;

public class LinearProberTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LinearProbingLeavesTheEncoderUnchanged(bool cacheFeatures)
    {
        using var fixture = new DownstreamFixture();
        using var run = new TempFolder();
        var checkpoint = FineTunerTests.SavePretrainCheckpoint(run.File("pretrain.pth"), depth: 1);
        var spec = "folder:" + fixture.DataDir;
        var recipe = FineTunePresets.LinearProbe(FineTunerTests.Micro) with { Epochs = 2, BatchSize = 2 };
        var config = FineTuneRunConfig.Create(recipe, spec, checkpoint, DownstreamMode.LinearProbe, "test") with { CacheFeatures = cacheFeatures };
        var output = Path.Combine(run.Path, "probe");
        var result = LinearProber.Run(output, config, FineTunerTests.Open(spec, recipe));
        Assert.Equal(cacheFeatures, result.FeatureSeconds is not null);

        using var before = CheckpointReader.Read(checkpoint);
        var (model, input) = ClassifierLoader.Load(Path.Combine(output, FineTuner.FinalCheckpoint));
        using var _ = model;
        var after = model.state_dict();
        var encoderKeys = after.Keys.Where(k => k.StartsWith("patch_embed.", StringComparison.Ordinal) || k.StartsWith("blocks.", StringComparison.Ordinal)).ToList();
        Assert.True(encoderKeys.Count > 10);
        foreach (var key in encoderKeys)
        {
            Assert.True(after[key].equal(before["encoder." + key]).all().item<bool>(), key);
        }
        // fc_norm stayed fresh and frozen; the head trained
        Assert.True(after["fc_norm.weight"].eq(1).all().item<bool>());
        Assert.True(after["fc_norm.bias"].eq(0).all().item<bool>());
        Assert.True(after["head.bias"].abs().max().item<float>() > 0);
        Assert.Equal(3, input.ClassNames!.Count);

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!;
        Assert.Equal("linprobe", (string)results["mode"]!);
        Assert.Equal(cacheFeatures, (bool)results["cache_features"]!);
        Assert.Equal(6, (int)results["num_videos"]!);
    }

    [Fact]
    public void TheFoldedHeadEqualsTheEvalModeProbe()
    {
        manual_seed(2);
        using var head = new LinearProbeHead(dim: 16, classes: 5, dropout: 0.5, initScale: 1);
        head.train();
        using (no_grad())
        {
            for (var i = 0; i < 20; i++)
            {
                using var batch = randn(8, 16) * 3 + 1;
                head.forward(batch).Dispose();
            }
        }
        head.eval();
        using var x = randn(4, 16);
        using var expected = head.forward(x);
        var (weight, bias) = head.Folded();
        using (weight)
        using (bias)
        {
            using var folded = x.matmul(weight.t()) + bias;
            Assert.True(folded.allclose(expected, rtol: 1e-4, atol: 1e-5));
        }
    }
}

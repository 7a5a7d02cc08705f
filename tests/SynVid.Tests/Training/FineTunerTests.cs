using System.Text.Json.Nodes;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Reporting;
using SynVid.Tests.Evaluation;
using SynVid.Training;
using static TorchSharp.torch;

namespace SynVid.Tests.Training;

public class FineTunerTests
{
    // ViT-Ti widths, one block, 4 frames of 32² (8 tokens): a step takes milliseconds.
    internal static FineTuneRecipe Micro => FineTunePresets.CpuTiny with
    {
        EncoderDepth = 1,
        Frames = DownstreamFixture.Frames,
        InputSize = DownstreamFixture.Size,
        BatchSize = 1,
        Epochs = 3,
        WarmupEpochs = 1,
        TestClips = 1,
        TestCrops = 2,
        EvalBatch = 4,
        DataWorkers = 2,
        Seed = 5,
    };

    internal static DownstreamData Open(string spec, FineTuneRecipe recipe) =>
        DownstreamData.Open(DatasetSpec.Parse(spec), new DownstreamDataOptions(ClipLength: recipe.Frames, Stride: recipe.Stride, Seed: recipe.Seed));

    /// <summary>A VideoMAE pre-training checkpoint (reference layout) of ViT-Ti widths with the given encoder depth.</summary>
    internal static string SavePretrainCheckpoint(string path, int depth)
    {
        manual_seed(3);
        var config = ModelSize.Tiny.Pretrain(new VideoVitConfig { ImageSize = DownstreamFixture.Size, NumFrames = DownstreamFixture.Frames }, decoderDepth: 1);
        using var model = new PretrainModel(config with { Encoder = config.Encoder with { Depth = depth } });
        CheckpointWriter.Save(path, model, new Dictionary<string, object> { ["epoch"] = 1L });
        return path;
    }

    [Fact]
    public void APretrainingCheckpointLoadsWithTheReferenceMissingAndIgnoredKeys()
    {
        using var folder = new TempFolder();
        var path = SavePretrainCheckpoint(folder.File("pretrain.pth"), depth: 2);
        using var state = CheckpointReader.Read(InitialWeights.Resolve(path));
        // the preset says depth 4; the checkpoint's depth wins
        var recipe = InitialWeights.MatchArchitecture(FineTunePresets.CpuTiny with { Frames = 4, InputSize = 32 }, state);
        Assert.Equal(("tiny", (int?)2), (recipe.Model, recipe.EncoderDepth));

        var (model, report) = DownstreamSetup.CreateModel(recipe, numClasses: 7, state);
        using var _ = model;
        Assert.NotNull(report);
        Assert.Equal(["fc_norm.bias", "fc_norm.weight", "head.bias", "head.weight"], report.Missing.Order());
        Assert.Equal(["encoder_to_decoder.weight", "mask_token", "norm.bias", "norm.weight"], report.Unexpected.Where(k => !k.StartsWith("decoder.", StringComparison.Ordinal)).Order());
        Assert.Equal(state.Tensors.Keys.Count(k => k.StartsWith("decoder.", StringComparison.Ordinal)), report.Unexpected.Count(k => k.StartsWith("decoder.", StringComparison.Ordinal)));
        Assert.True(report.Unexpected.Count(k => k.StartsWith("decoder.", StringComparison.Ordinal)) > 10);
        var loaded = model.state_dict();
        Assert.True(loaded["blocks.1.attn.qkv.weight"].equal(state["encoder.blocks.1.attn.qkv.weight"]).all().item<bool>());
        Assert.True(loaded["patch_embed.proj.weight"].equal(state["encoder.patch_embed.proj.weight"]).all().item<bool>());
        // fc_norm fresh, head tiny
        Assert.True(loaded["fc_norm.weight"].eq(1).all().item<bool>());
        Assert.True(loaded["head.weight"].abs().max().item<float>() < 1e-3f);
    }

    [Fact]
    public void ResumeContinuesFromTheLatestCheckpointAndReproducesTheRun()
    {
        using var fixture = new DownstreamFixture();
        using var runs = new TempFolder();
        var spec = "folder:" + fixture.DataDir;
        var recipe = Micro with { Epochs = 2 };
        var config = FineTuneRunConfig.Create(recipe, spec, FineTuneRunConfig.NoCheckpoint, DownstreamMode.FineTune, "test");
        string straight = Path.Combine(runs.Path, "straight"), resumed = Path.Combine(runs.Path, "resumed");
        var full = FineTuner.Run(straight, config, Open(spec, recipe));
        Assert.Equal(0, full.StartEpoch);

        // interrupted during the second epoch (3 steps per epoch): the checkpoint of epoch 1 survives
        using var stop = new CancellationTokenSource();
        var progress = new SyncProgress<DownstreamProgress>(p =>
        {
            if (p.Phase == "train" && p.Done == 5)
            {
                stop.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => { FineTuner.Run(resumed, config, Open(spec, recipe), progress, cancellation: stop.Token); });
        Assert.Equal(3, new CheckpointStore(resumed).LatestStep());
        Assert.False(File.Exists(Path.Combine(resumed, "results.json")));

        var again = FineTuner.Run(resumed, FineTuneRunConfig.Load(resumed), Open(spec, recipe));
        Assert.Equal(1, again.StartEpoch);
        var a = MetricsCsv.Read(Path.Combine(straight, "metrics.csv"));
        var b = MetricsCsv.Read(Path.Combine(resumed, "metrics.csv"));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), b.Steps);
        Assert.Equal(a.Values["loss"], b.Values["loss"]);
        Assert.Equal(a.Values["lr"], b.Values["lr"]);
        Assert.Equal(full.Test.Predictions.Select(p => p.Probabilities), again.Test.Predictions.Select(p => p.Probabilities));

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(resumed, "results.json")))!;
        Assert.Equal(6, (int)results["num_videos"]!);
        Assert.Equal("1x2", (string)results["views"]!);
        Assert.NotNull(results["top1"]);
        Assert.NotNull(results["top5"]);
        Assert.True(File.Exists(Path.Combine(resumed, "loss.png")));
        Assert.True(File.Exists(Path.Combine(resumed, "accuracy.png")));
        // the final weights load for `synvid evaluate` with the run's input shape and classes
        var (model, input) = ClassifierLoader.Load(Path.Combine(resumed, FineTuner.FinalCheckpoint));
        using var _ = model;
        Assert.Equal((4, 32, (int?)4), (input.NumFrames, input.InputSize, input.Stride));
        Assert.Equal(["alpha", "beta", "gamma"], input.ClassNames);
    }

    [Fact]
    public void AMotionProbeFineTunesOnTheArrowOfTime()
    {
        using var fixture = new DownstreamFixture();
        using var run = new TempFolder();
        var spec = "motion:" + fixture.DataDir + ":arrow";
        var recipe = Micro with { Epochs = 1, BatchSize = 2 };
        var config = FineTuneRunConfig.Create(recipe, spec, FineTuneRunConfig.NoCheckpoint, DownstreamMode.FineTune, "test");
        var result = FineTuner.Run(run.Path, config, Open(spec, recipe));
        Assert.Equal(["forward", "reversed"], result.Test.ClassNames);
        Assert.True(result.Test.Predictions.Count >= 2);
        Assert.True(File.Exists(Path.Combine(run.Path, "results.json")));
    }
}

internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

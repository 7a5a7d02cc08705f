using SynVid.Datasets.Augmentation;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.SynAction;
using SynVid.Training;
using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Tests.Training;

public class FineTuneBatchTests
{
    // 4 frames of 32², 2 videos × 2 copies per step: cheap enough to build many batches.
    private static FineTuneRecipe Micro => FineTunePresets.CpuTiny with { Frames = 4, InputSize = 32, BatchSize = 2, Seed = 3 };

    private static TrainingClips SynActionClips(int frames)
    {
        var dataset = new SynActionDataset(new SynActionConfig());
        return new TrainingClips(dataset.Count(SynActionSplit.Train), dataset.ClassNames.Count, i => dataset.Label(SynActionSplit.Train, i),
            (i, rng) => dataset.Render(SynActionSplit.Train, i, ReferenceClipSampling.TrainIndices(dataset.FrameCount(SynActionSplit.Train, i), frames, 4, rng)));
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    [Fact]
    public async Task BatchIsAPureFunctionOfSeedEpochAndStep()
    {
        var clips = SynActionClips(4);
        using var a = FineTuneBatch.Make(Micro, clips, epoch: 2, step: 5);
        // the same batch built later, on another thread, after other batches
        FineTuneBatch.Make(Micro, clips, epoch: 0, step: 0).Dispose();
        using var b = await Task.Run(() => FineTuneBatch.Make(Micro, clips, epoch: 2, step: 5));
        Assert.Equal([4L, 3, 4, 32, 32], a.Clips.shape);
        Assert.Equal([4L, 10], a.Targets.shape);
        Assert.True(Same(a.Clips, b.Clips));
        Assert.True(Same(a.Targets, b.Targets));
        Assert.Equal(a.Entries, b.Entries);
        // the two copies of a video share its label; the targets sum to 1
        Assert.Equal(a.Labels[0], a.Labels[1]);
        Assert.True(a.Targets.sum(1).sub(1).abs().max().item<float>() < 1e-5f);

        using var otherStep = FineTuneBatch.Make(Micro, clips, epoch: 2, step: 6);
        using var otherSeed = FineTuneBatch.Make(Micro with { Seed = 4 }, clips, epoch: 2, step: 5);
        Assert.False(Same(a.Clips, otherStep.Clips));
        Assert.False(Same(a.Clips, otherSeed.Clips));
    }

    [Fact]
    public void EveryEpochVisitsEveryEntryOnceInItsOwnOrder()
    {
        var e0 = FineTuneBatch.EpochOrder(1, 0, 600);
        var e1 = FineTuneBatch.EpochOrder(1, 1, 600);
        Assert.Equal(Enumerable.Range(0, 600), e0.Order());
        Assert.Equal(Enumerable.Range(0, 600), e1.Order());
        Assert.NotEqual(e0, e1);
        Assert.Equal(e0, FineTuneBatch.EpochOrder(1, 0, 600));
    }

    [Fact]
    public void TheTrainingTransformNeverReordersFrames()
    {
        // Motion probes (arrow of time, playback speed) need the frame order intact: transforming a clip and its
        // time reversal with the same draws must give time-reversed outputs (random erasing's per-frame noise aside).
        var dataset = new SynActionDataset(new SynActionConfig());
        var frames = dataset.Render(SynActionSplit.Train, 7, [0, 5, 10, 15, 20, 25]);
        var reversed = frames.Reverse().ToArray();
        var transform = (Micro with { RandomErasing = 0, FlipProbability = 1 }).Augmentation();
        for (var seed = 0; seed < 3; seed++)
        {
            using var scope = NewDisposeScope();
            var forward = transform.Apply(frames, new Random(seed));
            var backward = transform.Apply(reversed, new Random(seed));
            for (var s = 0; s < forward.Length; s++)
            {
                Assert.True(Same(forward[s].flip(1), backward[s]), $"seed {seed}, copy {s}");
            }
        }
    }

    [Fact]
    public void SoftTargetCrossEntropyMatchesCrossEntropyOnHardTargets()
    {
        using var scope = NewDisposeScope();
        var logits = randn(6, 5, generator: new TorchSharp.torch.Generator(1));
        long[] labels = [0, 4, 2, 2, 1, 3];
        var hard = new Mixup(LabelSmoothing: 0).Targets(labels, 5, 1);
        var expected = nn.functional.cross_entropy(logits, tensor(labels)).item<float>();
        Assert.Equal(expected, SoftTargetCrossEntropy.Loss(logits, hard).item<float>(), 5);
    }

    [Fact]
    public void SmallInputsScaleTheFramesBeforeTheTransform()
    {
        Assert.Equal(64.0 / 224, FineTunePresets.CpuTiny.FrameScale, 12);
        Assert.Equal(1.0, FineTunePresets.PaperUcf101.FrameScale);
        var frames = new[] { new RgbImage(320, 240), new RgbImage(320, 240) };
        var scaled = SynVid.Datasets.ClipScaling.Scale(frames, 64.0 / 224);
        Assert.All(scaled, f => Assert.Equal((91, 68), (f.Width, f.Height)));
    }
}

public class FineTuneStepTests
{
    [Fact]
    public void RepeatedStepsFitAFixedBatch()
    {
        // Without augmentation and mixing a model must memorise one batch: this catches a step that does not learn
        // (wrong groups, lr never set, gradients not flowing through the layer-decay groups).
        var recipe = FineTunePresets.CpuTiny with { EncoderDepth = 1, Frames = 4, InputSize = 32, Mixup = 0, Cutmix = 0, LabelSmoothing = 0, DropPath = 0, FcDropout = 0 };
        manual_seed(0);
        using var model = new SynVid.Model.VideoClassifier(recipe.ClassifierConfig(4));
        var groups = SynVid.Model.ParameterGroups.Build(model.named_parameters().Select(p => (p.name, p.parameter)), recipe.WeightDecay,
            SynVid.Model.ParameterGroups.DefaultSkip, 1, recipe.LayerDecay);
        using var optimizer = OptimizerFactory.AdamW(groups, recipe.Beta1, recipe.Beta2, recipe.Eps);
        long[] labels = [0, 1, 2, 3, 0, 1, 2, 3];
        using var batch = new FineTuneBatch(randn([8, 3, 4, 32, 32], generator: new TorchSharp.torch.Generator(4)),
            new Mixup(LabelSmoothing: 0).Targets(labels, 4, 1), labels, [0, 1, 2, 3, 4, 5, 6, 7]);
        model.train();
        var losses = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            using var scope = NewDisposeScope();
            losses.Add(FineTuneStep.Run(model, optimizer, groups, batch, 1e-3, null, CPU));
        }
        Assert.True(losses[^1] < 0.2 * losses[0], string.Join(", ", losses.Select(l => l.ToString("F3", System.Globalization.CultureInfo.InvariantCulture))));
    }
}

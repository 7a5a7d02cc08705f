using System.Globalization;
using SynVid.Benchmarking;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Datasets.SynAction;
using SynVid.Model;
using SynVid.Training;
using static TorchSharp.torch;

namespace SynVid.Bench;

/// <summary>
/// Fine-tuning on the built-in benchmark with the cpu-tiny recipe: building one step's batch (render, scale,
/// RandAugment, crop, erasing, mixup for 8 videos × 2 copies) and one optimiser step on it (forward, backward, AdamW).
/// </summary>
internal static class FineTuneBenchmark
{
    internal static string Step()
    {
        var recipe = FineTunePresets.CpuTiny;
        var clips = SynActionTrainingClips(recipe.Frames, 4);
        var batchTiming = Timing.Measure(() => FineTuneBatch.Make(recipe, clips, 0, 0).Dispose(), iterations: 5, warmup: 1);
        manual_seed(0);
        using var model = new VideoClassifier(recipe.ClassifierConfig(clips.NumClasses));
        var depth = model.Config.Encoder.Depth;
        var groups = ParameterGroups.Build(model.named_parameters().Select(p => (p.name, p.parameter)), recipe.WeightDecay, ParameterGroups.DefaultSkip, depth, recipe.LayerDecay);
        using var optimizer = OptimizerFactory.AdamW(groups, recipe.Beta1, recipe.Beta2, recipe.Eps);
        using var batch = FineTuneBatch.Make(recipe, clips, 0, 1);
        model.train();
        var step = Timing.Measure(() =>
        {
            using var scope = NewDisposeScope();
            FineTuneStep.Run(model, optimizer, groups, batch, 1e-4, null, CPU);
        }, iterations: 10, warmup: 2);
        var perEpoch = recipe.StepsPerEpoch(clips.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"cpu-tiny ({recipe.Model}, {depth} blocks, {recipe.Frames}x{recipe.InputSize}^2), batch {recipe.BatchSize} videos x {recipe.NumSample} copies: " +
            $"batch build median {batchTiming.MedianMs:F0} ms (one worker), train step median {step.MedianMs:F0} ms " +
            $"({recipe.ClipsPerStep * 1000 / step.MedianMs:F1} clips/s); {perEpoch} steps/epoch on synaction, {get_num_threads()} torch thread(s)");
    }

    /// <summary>
    /// Linear-probe cost per epoch on the built-in benchmark with the cpu-tiny recipe: without a cache every step
    /// builds an augmented batch and runs the frozen encoder (median step × steps per epoch); with the cache the
    /// features of the 600 training videos are computed once and an epoch trains only the head on them.
    /// </summary>
    internal static string LinearProbeEpoch()
    {
        var recipe = FineTunePresets.LinearProbe(FineTunePresets.CpuTiny);
        var data = DownstreamData.Open(DatasetSpec.Parse("synaction"), new DownstreamDataOptions(ClipLength: recipe.Frames, Stride: 4));
        var clips = DownstreamSetup.TrainingClips(data);
        var perEpoch = recipe.StepsPerEpoch(clips.Count);
        manual_seed(0);
        using var model = new VideoClassifier(recipe.ClassifierConfig(clips.NumClasses));
        model.eval();
        using var head = new LinearProbeHead(model.Config.Encoder.EmbedDim, clips.NumClasses, recipe.FcDropout);
        var groups = ParameterGroups.Build(head.named_parameters().Select(p => (p.name, p.parameter)), 0, ParameterGroups.DefaultSkip);
        using var optimizer = OptimizerFactory.AdamW(groups, recipe.Beta1, recipe.Beta2, recipe.Eps);
        var step = 0;
        var uncached = Timing.Measure(() =>
        {
            using var scope = NewDisposeScope();
            using var batch = FineTuneBatch.Make(recipe, clips, 0, step++ % perEpoch);
            Tensor features;
            using (no_grad())
            {
                features = model.Embedding(batch.Clips);
            }
            HeadStep(head, optimizer, groups, features, batch.Targets);
        }, iterations: 5, warmup: 1);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var cache = LinearProber.FeatureCache(model, data, recipe, CPU);
        var cacheSeconds = clock.Elapsed.TotalSeconds;
        var labels = data.Splits.Train.Select(v => (long)v.Label).ToArray();
        var mixing = recipe.Mixing();
        var cachedEpoch = Timing.Measure(() =>
        {
            var order = FineTuneBatch.EpochOrder(0, 0, clips.Count);
            for (var s = 0; s < perEpoch; s++)
            {
                using var scope = NewDisposeScope();
                var entries = order.AsSpan(s * recipe.BatchSize, recipe.BatchSize).ToArray();
                var features = cache.index_select(0, tensor(entries.Select(e => (long)e).ToArray()));
                HeadStep(head, optimizer, groups, features, mixing.Targets(entries.Select(e => labels[e]).ToArray(), clips.NumClasses, 1));
            }
        }, iterations: 5, warmup: 1);
        var uncachedEpoch = uncached.MedianMs * perEpoch / 1000;
        return string.Create(CultureInfo.InvariantCulture,
            $"cpu-tiny probe on synaction ({clips.Count} videos, {perEpoch} steps/epoch of {recipe.BatchSize} videos): without cache {uncached.MedianMs:F0} ms/step " +
            $"→ {uncachedEpoch:F1} s/epoch (one thread, batches built inline); cached: features once {cacheSeconds:F1} s, then {cachedEpoch.MedianMs:F0} ms/epoch " +
            $"({uncachedEpoch * 1000 / cachedEpoch.MedianMs:F0}x per epoch), {get_num_threads()} torch thread(s)");
    }

    private static void HeadStep(LinearProbeHead head, TorchSharp.Modules.AdamW optimizer, IReadOnlyList<ParameterGroup> groups, Tensor features, Tensor targets)
    {
        head.train();
        OptimizerFactory.SetLearningRate(optimizer, groups, 1e-3);
        optimizer.zero_grad();
        SoftTargetCrossEntropy.Loss(head.forward(features), targets).backward();
        optimizer.step();
    }

    internal static TrainingClips SynActionTrainingClips(int frames, int stride)
    {
        var dataset = new SynActionDataset(new SynActionConfig());
        var count = dataset.Count(SynActionSplit.Train);
        return new TrainingClips(count, dataset.ClassNames.Count, i => dataset.Label(SynActionSplit.Train, i),
            (i, rng) => dataset.Render(SynActionSplit.Train, i, ReferenceClipSampling.TrainIndices(dataset.FrameCount(SynActionSplit.Train, i), frames, stride, rng)));
    }
}

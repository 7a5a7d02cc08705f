using System.Globalization;
using SynVid.Benchmarking;
using SynVid.Datasets.Sampling;
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

    internal static TrainingClips SynActionTrainingClips(int frames, int stride)
    {
        var dataset = new SynActionDataset(new SynActionConfig());
        var count = dataset.Count(SynActionSplit.Train);
        return new TrainingClips(count, dataset.ClassNames.Count, i => dataset.Label(SynActionSplit.Train, i),
            (i, rng) => dataset.Render(SynActionSplit.Train, i, ReferenceClipSampling.TrainIndices(dataset.FrameCount(SynActionSplit.Train, i), frames, stride, rng)));
    }
}

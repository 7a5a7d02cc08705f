using System.Globalization;
using SynVid.Benchmarking;
using SynVid.Datasets.Augmentation;
using SynVid.Datasets.SynAction;
using static TorchSharp.torch;

namespace SynVid.Bench;

/// <summary>
/// The reference fine-tuning transform on one 16-frame 320×240 clip: RandAugment alone, and the whole transform
/// (RandAugment, normalise, random resized crop to 224, flip, erasing) for both repeated-augmentation copies.
/// </summary>
internal static class FineTuneAugmentationBenchmark
{
    internal static string Run()
    {
        var dataset = new SynActionDataset(new SynActionConfig());
        var frames = dataset.Render(SynActionSplit.Train, 0, Enumerable.Range(0, 16).Select(i => i * 3).ToArray());
        var randAugment = new RandAugment(RandAugmentConfig.Reference);
        var rng = new Random(0);
        var ra = Timing.Measure(() => randAugment.Apply(frames, randAugment.Plan(rng)), iterations: 30, warmup: 3);
        var transform = FineTuneAugmentation.Reference;
        var full = Timing.Measure(() =>
        {
            using var scope = NewDisposeScope();
            transform.Apply(frames, rng);
        }, iterations: 20, warmup: 2);
        return string.Create(CultureInfo.InvariantCulture,
            $"16x320x240 clip: RandAugment m7-n4 median {ra.MedianMs:F1} ms; full transform x{transform.NumSample} copies to 224^2 median {full.MedianMs:F1} ms, {get_num_threads()} torch thread(s)");
    }
}

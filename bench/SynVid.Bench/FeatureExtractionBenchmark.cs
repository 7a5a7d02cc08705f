using System.Globalization;
using SynVid.Analysis.Features;
using SynVid.Benchmarking;
using SynVid.Model;
using SynVid.Tests.Analysis;
using SynVid.Video;

namespace SynVid.Bench;

/// <summary>
/// Frames per second of analysis feature extraction from 256² uint8 frames (the generator's size), batches of 32,
/// resize included: the random conv net (128² input), a random-init VideoMAE-Tiny (16 × 224², each frame repeated over
/// the clip, and over one tubelet with frame=tubelet), and ONNX Runtime on the tiny test model with a 299² input (preprocessing and runtime overhead).
/// </summary>
internal static class FeatureExtractionBenchmark
{
    private const int Batch = 32;

    internal static string Random()
    {
        using var extractor = new RandomConvExtractor(0);
        return Measure(extractor, Batch, iterations: 5) + "; clips: " + MeasureClips(extractor);
    }

    internal static string VideoMaeTiny()
    {
        var config = ModelSize.Tiny.Classifier(101);
        using var extractor = new VideoMaeExtractor(new VideoClassifier(config), "videomae:tiny(random init)");
        var tubeletConfig = config with { Encoder = config.Encoder with { NumFrames = config.Encoder.TubeletSize } };
        using var tubelet = new VideoMaeExtractor(new VideoClassifier(config), "videomae:tiny(random init),frame=tubelet", frameModel: new VideoClassifier(tubeletConfig));
        return Measure(extractor, 4, iterations: 3) + "; " + Measure(tubelet, Batch, iterations: 3);
    }

    internal static string OnnxTiny()
    {
        var path = Path.Combine(Path.GetTempPath(), $"synvid-bench-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, TinyOnnxModel.Build(299, TinyOnnxModel.Weights(TinyOnnxModel.Channels * 27, seed: 1)));
        try
        {
            using var extractor = new OnnxExtractor(path);
            return Measure(extractor, Batch, iterations: 5);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Measure(IFeatureExtractor extractor, int batch, int iterations)
    {
        var frames = Frames(batch);
        var timing = Timing.Measure(() => extractor.ExtractFrames(frames), iterations: iterations, warmup: 1);
        return string.Create(CultureInfo.InvariantCulture,
            $"{extractor.Name}, batch {batch} × 256² frames, {TorchSharp.torch.get_num_threads()} torch thread(s): median {timing.MedianMs:F1} ms, {batch / (timing.MedianMs / 1000):F1} frames/s");
    }

    private static string MeasureClips(IFeatureExtractor extractor)
    {
        var clip = Frames(16);
        var timing = Timing.Measure(() => extractor.ExtractClips([clip, clip]), iterations: 3, warmup: 1);
        return string.Create(CultureInfo.InvariantCulture, $"2 × 16-frame clips median {timing.MedianMs:F1} ms, {2 / (timing.MedianMs / 1000):F1} clips/s");
    }

    private static List<RgbImage> Frames(int count)
    {
        var rng = new System.Random(3);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var pixels = new byte[256 * 256 * 3];
            rng.NextBytes(pixels);
            return new RgbImage(256, 256, pixels);
        })];
    }
}

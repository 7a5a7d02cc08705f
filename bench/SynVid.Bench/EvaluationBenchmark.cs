using System.Diagnostics;
using System.Globalization;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Model;
using SynVid.Runtime;
using SynVid.Video;

namespace SynVid.Bench;

/// <summary>
/// Multi-view evaluation throughput (views/s and test videos/s, decoding or rendering included) of a cpu-tiny-sized
/// classifier (tiny widths, 4 blocks, 8 × 64²) on the first 20 test videos of the built-in benchmark at 5 × 3 views,
/// and on 320 × 240 H.264 files of the same videos written to disk (the decode path), at 1 and 2 torch threads.
/// </summary>
internal static class EvaluationBenchmark
{
    private const int Videos = 20;

    internal static string Run()
    {
        var parts = new List<string>();
        var spec = new SynActionSpec(NovelBackgrounds: false);
        var data = DownstreamData.Open(spec, new DownstreamDataOptions(ClipLength: 8));
        var test = data.Splits.Test.Take(Videos).ToArray();
        var dir = Directory.CreateTempSubdirectory("synvid-bench-");
        var files = new List<LabeledVideo>();
        foreach (var (video, i) in test.Select((v, i) => (v, i)))
        {
            var path = Path.Combine(dir.FullName, string.Create(CultureInfo.InvariantCulture, $"v{i}.mp4"));
            var frames = data.Reader.Read(video, Enumerable.Range(0, data.Reader.Describe(video).FrameCount).ToArray());
            using (var writer = VideoWriter.Create(path, frames[0].Width, frames[0].Height, 25))
            {
                foreach (var f in frames)
                {
                    writer.Write(f);
                }
                writer.Complete();
            }
            files.Add(new LabeledVideo(path, video.Label));
        }
        var tiny = ModelSize.Tiny.Classifier(data.ClassNames.Count, new VideoVitConfig { ImageSize = 64, NumFrames = 8 });
        var config = tiny with { Encoder = tiny.Encoder with { Depth = 4 } };
        using var model = new VideoClassifier(config);
        model.eval();
        var views = new ViewCount(5, 3);
        foreach (var threads in new[] { 1, 2 })
        {
            TorchRuntime.Configure(threads);
            var evaluator = new MultiViewEvaluator(data, new EvaluationViews(8, 4, 64, 64), views, batchSize: 16);
            foreach (var (label, list) in new (string, IReadOnlyList<LabeledVideo>)[] { ("rendered", test), ("H.264 files", files) })
            {
                evaluator.Evaluate(model.forward, list.Take(2).ToArray()); // warm-up
                var watch = Stopwatch.StartNew();
                evaluator.Evaluate(model.forward, list);
                var seconds = watch.Elapsed.TotalSeconds;
                parts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{threads} thread(s), {label}: {list.Count * views.Total / seconds:F1} views/s, {list.Count / seconds:F2} videos/s"));
            }
        }
        dir.Delete(recursive: true);
        return "evaluate cpu-tiny 8×64², 5x3 views, " + Videos + " synaction test videos: " + string.Join("; ", parts);
    }
}

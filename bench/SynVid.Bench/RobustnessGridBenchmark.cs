using System.Globalization;
using System.Text;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Datasets.SynAction;
using SynVid.Evaluation;
using SynVid.Evaluation.Perturbations;
using SynVid.Evaluation.Robustness;
using SynVid.Model;
using TorchSharp;

namespace SynVid.Bench;

/// <summary>
/// Wall time of robustness cells through the real path (<see cref="RobustnessRunner"/>, <see cref="ClassifierCellEvaluator"/>:
/// rendering once into the shared <see cref="TestBufferCache"/> as the CLI does, then perturbation, multi-view
/// evaluation, cell files) with a cpu-tiny-sized random classifier (tiny widths,
/// 4 blocks, 8 × 64², stride 4) at 5 × 3 views, on a built-in benchmark of 2 test videos per class (20 videos): the
/// clean cell and every type at severity 3. The full grid (clean + every type × 5 severities on the 200 test videos of
/// the default benchmark) is then extrapolated, not measured: each type's severity-3 time stands for its five levels.
/// </summary>
internal static class RobustnessGridBenchmark
{
    private const int TestPerClass = 2;
    private const int Severities = 5;

    internal static string Run()
    {
        var config = new SynActionConfig(TestPerClass: TestPerClass);
        var data = DownstreamData.Open(new SynActionSpec(NovelBackgrounds: false), new DownstreamDataOptions(ClipLength: 8, SynAction: config));
        var fullVideos = new SynActionDataset(new SynActionConfig()).Count(SynActionSplit.Test);
        var videos = data.Splits.Test.Count;
        var tiny = ModelSize.Tiny.Classifier(data.ClassNames.Count, new VideoVitConfig { ImageSize = 64, NumFrames = 8 });
        var dir = Directory.CreateTempSubdirectory("synvid-bench-robust-");
        try
        {
            var plan = new RobustnessPlan([new NamedCheckpoint("cpu-tiny", Path.Combine(dir.FullName, "cpu-tiny.pth"))], PerturbationCatalog.All, [3]);
            var store = new RobustnessCellStore(dir.FullName, new RobustnessSettings("synaction", "5x3", 0, false));
            var views = new ViewCount(5, 3);
            var cache = new TestBufferCache(2048L << 20);
            ICellEvaluator Open()
            {
                var model = new VideoClassifier(tiny with { Encoder = tiny.Encoder with { Depth = 4 } });
                model.eval();
                return new ClassifierCellEvaluator(model, torch.CPU, data, 64, views, batchSize: 16, seed: 0, legacyInvert: false, cache);
            }
            // the warm-up's clean pass renders every test video into the cache, which every measured cell then reads
            var firstPass = System.Diagnostics.Stopwatch.StartNew();
            using (var warmUp = Open())
            {
                warmUp.Evaluate(null, 0, null, CancellationToken.None);
            }
            var firstSeconds = firstPass.Elapsed.TotalSeconds;
            var outcome = RobustnessRunner.Run(plan, store, _ => Open(), videos);
            var seconds = outcome.Results.ToDictionary(r => r.Key.TypeKey, r => r.Value.Seconds);
            var measured = seconds.Values.Sum();
            var scale = (double)fullVideos / videos;
            var full = (firstSeconds + seconds[RobustnessCell.CleanKey] + Severities * seconds.Where(s => s.Key != RobustnessCell.CleanKey).Sum(s => s.Value)) * scale;
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture,
                $"cpu-tiny 8×64², 5x3 views, {videos} synaction test videos, torch threads {torch.get_num_threads()}: first pass (renders into the cache) {firstSeconds:F1} s; measured {outcome.Computed} cells in {measured:F1} s; ");
            text.Append(string.Join(", ", seconds.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value / videos * 1000:F0}"))));
            text.Append(" ms/video; ");
            text.Append(CultureInfo.InvariantCulture,
                $"extrapolated (not measured) full grid 1 + {PerturbationCatalog.All.Count}×{Severities} cells × {fullVideos} videos: {full / 60:F1} min per checkpoint");
            return text.ToString();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

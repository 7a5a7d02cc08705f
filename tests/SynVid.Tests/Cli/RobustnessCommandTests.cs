using System.Globalization;
using System.Text.Json;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Evaluation.Perturbations;
using SynVid.Evaluation.Robustness;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Tests.Evaluation.Robustness;

namespace SynVid.Tests.Cli;

public sealed class RobustnessCommandTests : IDisposable
{
    private const int Frames = 8;
    private const int Size = 32;

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A tiny random classifier whose large head makes predictions depend on the input.</summary>
    private string WriteCheckpoint(string name, int seed)
    {
        TorchSharp.torch.manual_seed(seed);
        using var model = new VideoClassifier(new ClassifierConfig
        {
            Encoder = new VideoVitConfig { ImageSize = Size, NumFrames = Frames, EmbedDim = 64, Depth = 1, NumHeads = 1 },
            NumClasses = 2,
            InitScale = 100,
        });
        var path = _dir.File(name);
        CheckpointWriter.Save(path, model, new Dictionary<string, object>
        {
            ["args"] = new Dictionary<string, object> { ["num_frames"] = Frames, ["input_size"] = Size, ["sampling_rate"] = 4 },
        });
        return path;
    }

    [Fact]
    public void GridOfTwoCheckpointsWritesResultsChartsAndResumes()
    {
        var data = "csv:" + MiniatureDataset.Create(_dir.File("data"));
        string[] checkpoints = [WriteCheckpoint("alpha.pth", 1), WriteCheckpoint("beta.pth", 2)];
        var outDir = _dir.File("robust");
        string[] Args(string severities) =>
            ["robustness", "--checkpoint", checkpoints[0], "--checkpoint", checkpoints[1], "--data", data,
             "--perturbations", "gauss,sampling", "--severities", severities, "--views", "1x1", "--out", outDir,
             "--seed", "3", "--threads", "1", "--batch", "3"];

        var run = CliRunner.Run(Args("1,5"));
        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        Assert.Contains("computed 10 cell(s), reused 0", run.StdOut);
        var cells = Directory.GetFiles(Path.Combine(outDir, "cells"), "*.json");
        Assert.Equal(10, cells.Length);

        // results.json: settings, per-checkpoint clean and per-type scores (the sampling s5 cell evaluates the
        // 12-frame video, 3 strided frames, kept as 1 and padded), win counts.
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json"))))
        {
            var root = json.RootElement;
            Assert.Equal("1x1", root.GetProperty("views").GetString());
            Assert.Equal(1, root.GetProperty("headline_severity").GetInt32());
            Assert.Equal([1, 5], root.GetProperty("severities").EnumerateArray().Select(e => e.GetInt32()));
            var names = root.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
            Assert.Equal(["alpha", "beta"], names);
            foreach (var c in root.GetProperty("checkpoints").EnumerateArray())
            {
                Assert.Equal(4, c.GetProperty("num_videos").GetInt32());
                var clean = c.GetProperty("clean_top1").GetDouble();
                var sampling = c.GetProperty("types")[1];
                Assert.Equal("sampling", sampling.GetProperty("type").GetString());
                var s5 = sampling.GetProperty("severities")[1];
                Assert.Equal(5, s5.GetProperty("severity").GetInt32());
                Assert.Equal(1 - (clean - s5.GetProperty("top1").GetDouble()) / 100, s5.GetProperty("absolute_robustness").GetDouble(), 9);
            }
            Assert.Equal(2, root.GetProperty("wins").GetArrayLength());
        }

        // results.csv: header, 2 × (clean + 2 types × (2 severities + mean) + overall) rows, metrics from the formulas.
        var rows = File.ReadAllLines(Path.Combine(outDir, "results.csv"));
        Assert.Equal(RobustnessReport.CsvHeader, rows[0]);
        Assert.Equal(1 + 2 * 8, rows.Length);
        foreach (var checkpoint in new[] { "alpha", "beta" })
        {
            var mine = rows.Skip(1).Select(r => r.Split(',')).Where(r => r[0] == checkpoint).ToArray();
            var clean = Parse(mine.Single(r => r[1] == "clean")[5]);
            foreach (var r in mine.Where(r => r[4] is "1" or "5"))
            {
                Assert.Equal(1 - (clean - Parse(r[5])) / 100, Parse(r[7]), 5);
                Assert.Equal(clean > 0 ? 1 - (clean - Parse(r[5])) / clean : double.NaN, r[8] == "nan" ? double.NaN : Parse(r[8]), 5);
            }
        }
        foreach (var chart in new[] { "figure3_s1.png", "figure3_mean.png", "curves/gaussian_noise.png", "curves/sampling.png" })
        {
            Assert.True(new FileInfo(Path.Combine(outDir, chart)).Length > 1000, chart);
        }

        // The stored cell is what the library computes for that cell: sampling s5 of alpha.
        var stored = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(Path.Combine(outDir, "cells", "alpha__sampling__s5.json")));
        Assert.Equal(Direct(data, checkpoints[0], PerturbationCatalog.Find("sampling"), 5), stored.GetProperty("top1").GetDouble(), 9);

        // A rerun computes nothing; a wider grid computes only its new cells.
        var stamps = cells.ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var again = CliRunner.Run(Args("1,5"));
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Contains("computed 0 cell(s), reused 10", again.StdOut);
        Assert.All(stamps, s => Assert.Equal(s.Value, File.GetLastWriteTimeUtc(s.Key)));
        var wider = CliRunner.Run(Args("1,3,5"));
        Assert.True(wider.ExitCode == 0, wider.StdErr);
        Assert.Contains("computed 4 cell(s), reused 10", wider.StdOut);
        Assert.True(File.Exists(Path.Combine(outDir, "figure3_s3.png")));

        // Other settings into the same folder are refused rather than mixed.
        var other = CliRunner.Run([.. Args("1,5")[..^6], "--seed", "4", "--threads", "1", "--batch", "3"]);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("--seed 3, not 4", other.StdErr);
    }

    [Fact]
    public void GridRunsOnTheOfficialUcf101LayoutAndDecodesEachVideoOnce()
    {
        var root = MiniatureDataset.CreateUcf101(_dir.File("ucf"));
        var checkpoint = WriteCheckpoint("gamma.pth", 3);
        var outDir = _dir.File("robust-ucf");
        var run = CliRunner.Run("robustness", "--checkpoint", checkpoint, "--data", $"ucf101:{root}:1", "--perturbations", "jumble,shot_noise",
            "--severities", "2", "--views", "2x1", "--out", outDir, "--threads", "1");
        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        Assert.Contains("computed 3 cell(s), reused 0", run.StdOut);
        // the four test videos were decoded once for the three cells and kept
        Assert.Contains("decoded test videos kept in memory: 4 ", run.StdOut);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        var gamma = json.RootElement.GetProperty("checkpoints")[0];
        Assert.Equal(4, gamma.GetProperty("num_videos").GetInt32());
        Assert.Equal(["jumble", "shot_noise"], gamma.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("type").GetString()));

        // without the cache the cells are the same
        var plain = CliRunner.Run("robustness", "--checkpoint", checkpoint, "--data", $"ucf101:{root}:1", "--perturbations", "jumble,shot_noise",
            "--severities", "2", "--views", "2x1", "--out", _dir.File("robust-ucf-plain"), "--threads", "1", "--cache-mb", "0");
        Assert.True(plain.ExitCode == 0, plain.StdErr + plain.StdOut);
        Assert.DoesNotContain("kept in memory", plain.StdOut);
        foreach (var cell in Directory.GetFiles(Path.Combine(outDir, "cells"), "*.json"))
        {
            var other = Path.Combine(_dir.File("robust-ucf-plain"), "cells", Path.GetFileName(cell));
            using var a = JsonDocument.Parse(File.ReadAllText(cell));
            using var b = JsonDocument.Parse(File.ReadAllText(other));
            Assert.Equal(a.RootElement.GetProperty("top1").GetDouble(), b.RootElement.GetProperty("top1").GetDouble());
            Assert.Equal(a.RootElement.GetProperty("top5").GetDouble(), b.RootElement.GetProperty("top5").GetDouble());
        }
    }

    [Fact]
    public void HelpStatesPlacementAndBadInputExitsTwo()
    {
        var help = CliRunner.Run("robustness", "--help");
        Assert.Equal(0, help.ExitCode);
        var text = string.Join(' ', help.StdOut.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("cropped uint8 view", text);
        Assert.Contains("whole strided buffer before views are cut", text);
        Assert.Contains("never colour-inverted", text);
        Assert.Contains("repeating its last frame", text);
        Assert.Contains("--legacy-invert", text);
        var checkpoint = WriteCheckpoint("m.pth", 1);
        foreach (var (flag, value, message) in new[]
        {
            ("--severities", "0", "severity 0"),
            ("--perturbations", "snow", "unknown perturbation type 'snow'"),
            ("--views", "5by3", "5by3"),
            ("--cache-mb", "-1", "--cache-mb must be at least 0"),
        })
        {
            var r = CliRunner.Run("robustness", "--checkpoint", checkpoint, "--data", "synaction", "--out", _dir.File("o"), flag, value);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains(message, r.StdErr);
        }
        var missing = CliRunner.Run("robustness", "--checkpoint", _dir.File("none.pth"), "--data", "synaction", "--out", _dir.File("o"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("none.pth", missing.StdErr);
    }

    private static double Direct(string data, string checkpoint, IPerturbation perturbation, int severity)
    {
        var (model, input) = ClassifierLoader.Load(checkpoint);
        using (model)
        {
            var downstream = DownstreamData.Open(DatasetSpec.Parse(data), new DownstreamDataOptions(ClipLength: input.NumFrames, Stride: input.Stride));
            var evaluator = new MultiViewEvaluator(downstream, new EvaluationViews(input.NumFrames, downstream.Stride, input.InputSize, input.InputSize), new ViewCount(1, 1));
            var hook = new SeededViewPerturbation(perturbation, severity, seed: 3, clipLength: input.NumFrames);
            return evaluator.Evaluate(model.forward, downstream.Splits.Test, hook).Top1;
        }
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}

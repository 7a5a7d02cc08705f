using System.Text.Json.Nodes;
using SynVid.Analysis.Progression;
using SynVid.Datasets.Specs;
using SynVid.Tests.Cli;
using SynVid.Tests.Evaluation;
using SynVid.Training;

namespace SynVid.Tests.Analysis.Progression;

/// <summary>
/// --on-bad-video in a progression: fail stops before the progression folder is written; skip reaches every step that
/// reads the downstream videos (fine-tuning, linear probe, k-NN probe, pixel baseline, in-domain pre-training, the
/// analysis reference), each of which lists what it left out in its skipped.csv.
/// </summary>
public sealed class ProgressionBadVideoTests : IDisposable
{
    private readonly BadVideoFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    // the smallest real steps, one fine-tuning seed and no attentive probe
    private static ProgressionPreset Micro => ProgressionRunnerTests.Micro with { FineTuneSeeds = 1, AttentiveProbe = false, AttentiveProbeEpochs = null };

    [Fact]
    public void TheCommandFailsOnABadVideoBeforeWritingItsFolder()
    {
        var output = Path.Combine(_fixture.Root, "progression");
        string[] args = ["progression", "--preset", "cpu-demo", "--downstream", "csv:" + _fixture.Data, "--stages", "static-circles", "--threads", "1", "--out", output];
        var failed = CliRunner.Run(args);
        Assert.Equal(2, failed.ExitCode);
        var line = Assert.Single(failed.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("rand.mp4", line, StringComparison.Ordinal);
        Assert.Contains("--on-bad-video skip", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));

        var wrong = CliRunner.Run([.. args, "--on-bad-video", "ignore"]);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("--on-bad-video must be fail or skip", Assert.Single(wrong.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void SkipReachesEveryStepAndEachListsWhatItLeftOut()
    {
        var data = "csv:" + _fixture.Data;
        var failing = ProgressionPlan.Create(Micro, data, "in-domain,static-circles");
        Assert.Equal(BadVideoPolicy.Fail, failing.OnBadVideo);
        Assert.Contains("rand.mp4", Assert.Throws<BadVideoException>(() => ProgressionRunner.CheckDownstream(failing)).Message, StringComparison.Ordinal);

        var plan = ProgressionPlan.Create(Micro, data, "in-domain,static-circles", onBadVideo: BadVideoPolicy.Skip);
        Assert.Equal(BadVideoPolicy.Skip, plan.DownstreamOptions(plan.Preset.FineTune(0)).OnBadVideo);
        // rand.mp4 of train.csv and val.csv does not probe as a video; the truncated test video is found when read
        Assert.Equal([("train", "rand.mp4"), ("val", "rand.mp4")], ProgressionRunner.CheckDownstream(plan).Select(v => (v.Split, Path.GetFileName(v.Path))));

        var outDir = Path.Combine(_fixture.Root, "progression");
        var outcome = ProgressionRunner.Run(plan, outDir, resume: false);

        string[] Listed(string step) =>
            [.. File.ReadAllLines(Path.Combine(outDir, step, "skipped.csv")).Skip(1).Select(l => l.Split(',')[0] + " " + Path.GetFileName(l.Split(',')[1]))];
        string[] all = ["train rand.mp4", "val rand.mp4", "test trunc.mp4"];
        string[] probes = ["train rand.mp4", "test trunc.mp4"];
        var expected = new Dictionary<string, string[]>
        {
            ["scratch/finetune"] = all,
            ["scratch/linprobe"] = all,
            ["scratch/knn"] = probes,
            ["scratch/pixels"] = probes,
            ["static-circles/finetune"] = all,
            ["static-circles/linprobe"] = all,
            ["static-circles/knn"] = probes,
            ["static-circles/analyze"] = ["train rand.mp4"],
            ["in-domain/pretrain"] = ["train rand.mp4"],
            ["in-domain/finetune"] = all,
            ["in-domain/linprobe"] = all,
            ["in-domain/knn"] = probes,
        };
        foreach (var (step, videos) in expected)
        {
            Assert.Equal(videos, Listed(step));
        }
        Assert.False(File.Exists(Path.Combine(outDir, "static-circles", "pretrain", "skipped.csv")));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), outcome.SkippedLists.Select(p => Path.GetDirectoryName(p)!).Order(StringComparer.Ordinal));

        // the truncated test video is dropped from every evaluation; the policy is recorded
        foreach (var step in new[] { "scratch/finetune", "scratch/knn", "scratch/pixels", "in-domain/linprobe" })
        {
            Assert.Equal(2, (int)JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, step, "results.json")))!["num_videos"]!);
        }
        Assert.Equal("skip", (string)JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, ProgressionRunner.PlanFile)))!["on_bad_video"]!);
        Assert.Equal("skip", FineTuneRunConfig.Load(Path.Combine(outDir, "scratch", "finetune")).OnBadVideo);
        Assert.Equal("skip", PretrainRunConfig.Load(Path.Combine(outDir, "in-domain", "pretrain")).OnBadVideo);
        Assert.Contains("Bad downstream videos were left out", File.ReadAllText(outcome.ReportPath), StringComparison.Ordinal);
    }
}

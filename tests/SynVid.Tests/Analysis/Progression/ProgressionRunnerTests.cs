using SynVid.Analysis.Progression;
using SynVid.Tests.Cli;
using SynVid.Tests.Evaluation;
using SynVid.Training;

namespace SynVid.Tests.Analysis.Progression;

public sealed class ProgressionRunnerTests
{
    // Real steps at the smallest sizes: one encoder block, 4 frames of 32², two pre-training steps, one fine-tuning
    // epoch and one probe epoch (no validation) on the fixture's three training videos, 6 frames and 2 videos per analysed
    // set, stages rendered at 64². Decoding the fixture's videos (one ffmpeg process each) dominates the time.
    private static ProgressionPreset Micro => new()
    {
        Name = "test-micro",
        PretrainPreset = "cpu-tiny",
        PretrainSteps = 2,
        FineTunePreset = "cpu-tiny",
        LinearProbeEpochs = 1,
        LinearProbeValidateEvery = 0,
        AnalysisFrames = 6,
        AnalysisVideos = 2,
        StageResolution = 64,
        PretrainRecipe = PretrainPresets.CpuTiny with
        {
            EncoderDepth = 1,
            DecoderDepth = 1,
            Frames = DownstreamFixture.Frames,
            InputSize = DownstreamFixture.Size,
            BatchSize = 2,
            DataWorkers = 1,
        },
        FineTuneRecipe = FineTunePresets.CpuTiny with
        {
            EncoderDepth = 1,
            Frames = DownstreamFixture.Frames,
            InputSize = DownstreamFixture.Size,
            BatchSize = 2,
            Epochs = 1,
            WarmupEpochs = 1,
            TestClips = 1,
            TestCrops = 1,
            EvalBatch = 8,
            ValidateEvery = 0,
            DataWorkers = 1,
        },
    };

    [Fact]
    public void ARealTinyProgressionWritesEveryArmAndResumesOnlyTheMissingStep()
    {
        using var fixture = new DownstreamFixture();
        using var dir = new TempFolder();
        var outDir = Path.Combine(dir.Path, "progression");
        // one arm of each kind: scratch, a generated stage, the downstream training split
        var plan = ProgressionPlan.Create(Micro, "folder:" + fixture.DataDir, "in-domain,static-circles");
        Assert.Equal(["scratch", "static-circles", "in-domain"], plan.Arms.Select(a => a.Name));

        var first = ProgressionRunner.Run(plan, outDir, resume: false);
        Assert.Equal(2 + 4 + 3, first.StepsRun);

        // results.csv: one row per arm, parsed back with its numbers
        var rows = ProgressionRow.ParseCsv(File.ReadAllText(Path.Combine(outDir, "results.csv")), "results.csv");
        Assert.Equal(plan.Arms.Select(a => a.Name), rows.Select(r => r.Stage));
        Assert.All(rows, r => Assert.InRange(r.FineTuneTop1!.Value, 0, 100));
        Assert.All(rows, r => Assert.InRange(r.LinProbeTop1!.Value, 0, 100));
        Assert.Null(rows[0].PretrainLoss);
        Assert.All(rows.Skip(1), r => Assert.True(r.PretrainLoss > 0));
        var stage = rows[1];
        Assert.True(stage.Fid > 0);
        Assert.NotNull(stage.Kid);
        Assert.NotNull(stage.DiversityLogDet);
        Assert.InRange(stage.SpectrumAlpha!.Value, 0.2, 3);
        Assert.Null(rows[0].Fid);
        Assert.Null(rows[2].Fid);

        // the reports list every arm and the figures exist
        var md = File.ReadAllText(Path.Combine(outDir, "report.md"));
        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        foreach (var arm in plan.Arms)
        {
            Assert.Contains($"| {arm.Name} |", md, StringComparison.Ordinal);
            Assert.Contains($"<td>{arm.Name}</td>", html, StringComparison.Ordinal);
        }
        Assert.Contains("NOT UCF101", md, StringComparison.Ordinal);
        Assert.Contains("closes", md, StringComparison.Ordinal);
        foreach (var figure in new[] { "accuracy.png", "preview.png", "static-circles/pretrain/reconstruction.png", "in-domain/pretrain/reconstruction.png" })
        {
            Assert.True(new FileInfo(Path.Combine(outDir, figure)).Length > 1000, figure);
            Assert.Contains($"]({figure})", md, StringComparison.Ordinal);
        }
        Assert.Empty(Directory.EnumerateFiles(outDir, "*.tmp*", SearchOption.AllDirectories));

        // delete one step's result: only that step reruns (pre-training continues from its final checkpoint), nothing else is touched
        var pretrain = Path.Combine(outDir, "static-circles", "pretrain");
        var record = File.ReadAllText(Path.Combine(pretrain, ProgressionStepRecord.FileName));
        File.Delete(Path.Combine(pretrain, ProgressionStepRecord.FileName));
        var untouched = new[] { "scratch/finetune/results.json", "static-circles/analyze/metrics.json", "static-circles/finetune/results.json", "static-circles/linprobe/done.json", "in-domain/pretrain/done.json" }
            .ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(outDir, f)));
        var second = ProgressionRunner.Run(plan, outDir, resume: true);
        Assert.Equal((1, 8), (second.StepsRun, second.StepsCached));
        foreach (var (file, time) in untouched)
        {
            Assert.Equal(time, File.GetLastWriteTimeUtc(Path.Combine(outDir, file)));
        }
        var rerun = ProgressionStepRecord.Read(pretrain);
        Assert.NotNull(rerun);
        Assert.Equal(rows[1].PretrainLoss!.Value, rerun.PretrainLoss!.Value, 5);
        Assert.NotEqual(record, File.ReadAllText(Path.Combine(pretrain, ProgressionStepRecord.FileName)));
        Assert.Equal(rows, ProgressionRow.ParseCsv(File.ReadAllText(Path.Combine(outDir, "results.csv")), "results.csv"));
    }

    [Fact]
    public void ANonEmptyOutputFolderWithoutResumeIsAUsageError()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("keep.txt"), "x");
        var result = CliRunner.Run("progression", "--preset", "cpu-demo", "--downstream", "synaction", "--out", dir.Path, "--stages", "static-circles");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(dir.Path, result.StdErr, StringComparison.Ordinal);
        // a folder of other files is named for what it holds; --resume continues only a progression
        Assert.Contains("did not write (e.g. keep.txt)", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ThePlanRunsScratchThenStagesInProgressionOrder()
    {
        var demo = ProgressionPlan.Create(ProgressionPresets.CpuDemo, "synaction");
        Assert.Equal(
            ["scratch", "static-circles", "moving-circles", "moving-shapes", "transforming-shapes", "accelerating-shapes", "accelerating-textures", "accelerating-stylegan", "in-domain"],
            demo.Arms.Select(a => a.Name));
        Assert.Contains(demo.Notes, n => n.Contains("accelerating-image-crops", StringComparison.Ordinal));
        Assert.True(demo.DownstreamIsProxy);

        var picked = ProgressionPlan.Create(ProgressionPresets.CpuDemo, "synaction", "moving-shapes, static-circles");
        Assert.Equal(["scratch", "static-circles", "moving-shapes"], picked.Arms.Select(a => a.Name));
        Assert.Throws<UserInputException>(() => ProgressionPlan.Create(ProgressionPresets.CpuDemo, "synaction", "accelerating-image-crops"));
        Assert.Throws<UserInputException>(() => ProgressionPlan.Create(ProgressionPresets.CpuDemo, "synaction", "no-such-stage"));
        Assert.Throws<UserInputException>(() => ProgressionPresets.Parse("gpu-huge"));
    }

    [Fact]
    public void TheReportComputesGapClosedAndStageOrderSpearman()
    {
        ProgressionRow Row(string stage, double ft) => new(stage, 0.9, ft, ft / 2, null, null, null, null, null);
        var rows = new[] { Row("scratch", 10), Row("static-circles", 20), Row("moving-circles", 25), Row("moving-shapes", 30), Row("in-domain", 50) };
        Assert.Equal(1.0, ProgressionReport.StageOrderSpearman(rows)!.Value, 12);
        var reversed = new[] { Row("scratch", 30), Row("static-circles", 20), Row("moving-circles", 10) };
        Assert.Equal(-1.0, ProgressionReport.StageOrderSpearman(reversed)!.Value, 12);

        var context = new ReportContext("cpu-demo", "tiny", "synaction", DownstreamIsProxy: true, "random:0", FeaturesComparableWithPaper: false, 60, ["a note"]);
        var md = ProgressionReport.Markdown(context, rows, []);
        // (25 − 10)/(50 − 10) = 37.5 %; the paper's moving circles: (85.2 − 51.4)/(91.3 − 51.4) = 84.7 %
        Assert.Contains("moving-circles: closes 37.5% of the scratch-to-in-domain fine-tuning gap (paper, UCF101: 84.7%)", md, StringComparison.Ordinal);
        Assert.Contains("not comparable with the paper's", md, StringComparison.Ordinal);
        Assert.Contains("a note", md, StringComparison.Ordinal);
        Assert.Contains("Spearman ρ between stage order and fine-tuning top-1: 1.000 (the paper's ViT-B UCF101 values over the same arms: 1.000)", md, StringComparison.Ordinal);
        Assert.Contains("| static-circles | 0.9000 | 20.0 | 10.0 | 67.8 | 29.2 | 13.2 |", md, StringComparison.Ordinal);
    }
}

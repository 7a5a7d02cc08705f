using System.Text.Json.Nodes;
using SynVid.Analysis.Progression;
using SynVid.Evaluation;
using SynVid.Serialization;
using SynVid.Tests.Cli;
using SynVid.Tests.Evaluation;
using SynVid.Training;

namespace SynVid.Tests.Analysis.Progression;

public sealed class ProgressionRunnerTests
{
    // Real steps at the smallest sizes: one encoder block, 4 frames of 32², two pre-training steps, two fine-tuning
    // runs of one epoch, one linear-probe epoch (no validation), the k-NN probe and two attentive-probe epochs on the
    // fixture's three training videos, 6 frames and 2 videos per analysed set, stages rendered at 64². Decoding the
    // fixture's videos (one ffmpeg process each) dominates the time.
    internal static ProgressionPreset Micro => new()
    {
        Name = "test-micro",
        PretrainPreset = "cpu-tiny",
        PretrainSteps = 2,
        FineTunePreset = "cpu-tiny",
        LinearProbeEpochs = 1,
        LinearProbeValidateEvery = 0,
        FineTuneSeeds = 2,
        AttentiveProbeEpochs = 2,
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
        // per arm: [pretrain], finetune, finetune-s1, linprobe, knn, attentive, [pixels (scratch)], [analyze]
        Assert.Equal(6 + 7 + 6, first.StepsRun);

        // results.csv: one row per arm, parsed back with its numbers
        var csv = File.ReadAllText(Path.Combine(outDir, "results.csv"));
        Assert.StartsWith(ProgressionRow.CsvHeader + "\n", csv, StringComparison.Ordinal);
        var rows = ProgressionRow.ParseCsv(csv, "results.csv");
        Assert.Equal(plan.Arms.Select(a => a.Name), rows.Select(r => r.Stage));
        Assert.All(rows, r => Assert.InRange(r.FineTuneTop1!.Value, 0, 100));
        Assert.All(rows, r => Assert.InRange(r.LinProbeTop1!.Value, 0, 100));
        Assert.All(rows, r => Assert.InRange(r.KnnTop1!.Value, 0, 100));
        Assert.All(rows, r => Assert.InRange(r.AttentiveTop1!.Value, 0, 100));
        foreach (var r in rows)
        {
            // the mean of the two fine-tuning runs, its s.d., and intervals around every top-1
            var armDir = Path.Combine(outDir, r.Stage);
            var runs = new[] { "finetune", "finetune-s1" }.Select(s => ArmAccuracy.Top1(Path.Combine(armDir, s))!.Value).ToArray();
            Assert.Equal(runs.Average(), r.FineTuneTop1!.Value, 3);
            Assert.Equal(2, r.FineTuneRuns);
            Assert.Equal(Math.Abs(runs[0] - runs[1]) / Math.Sqrt(2), r.FineTuneTop1Sd!.Value, 3);
            Assert.InRange(r.FineTuneTop1.Value, r.FineTuneTop1CiLow!.Value - 1e-3, r.FineTuneTop1CiHigh!.Value + 1e-3);
            Assert.InRange(r.LinProbeTop1!.Value, r.LinProbeTop1CiLow!.Value - 1e-3, r.LinProbeTop1CiHigh!.Value + 1e-3);
            Assert.InRange(r.KnnTop1!.Value, r.KnnTop1CiLow!.Value - 1e-3, r.KnnTop1CiHigh!.Value + 1e-3);
            Assert.InRange(r.AttentiveTop1!.Value, r.AttentiveTop1CiLow!.Value - 1e-3, r.AttentiveTop1CiHigh!.Value + 1e-3);
            var secondRun = JsonNode.Parse(File.ReadAllText(Path.Combine(armDir, "finetune-s1", "results.json")))!;
            Assert.Equal(1, (int)secondRun["seed"]!);
            foreach (var (step, mode) in new[] { ("knn", "knn"), ("attentive", "attentive") })
            {
                var results = JsonNode.Parse(File.ReadAllText(Path.Combine(armDir, step, "results.json")))!;
                Assert.Equal(mode, (string)results["mode"]!);
                Assert.Equal(6, (int)results["num_videos"]!);
                Assert.Equal(6, PredictionsFile.Read(Path.Combine(armDir, step, PredictionsFile.FileName)).Count);
            }
        }
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
        Assert.Contains("mean ± sample s.d. over 2 fine-tuning runs", md, StringComparison.Ordinal);
        Assert.Contains("percentile-bootstrap intervals over the 6 test videos", md, StringComparison.Ordinal);
        Assert.Contains("closes", md, StringComparison.Ordinal);
        foreach (var figure in new[] { "accuracy.png", "preview.png", "static-circles/pretrain/reconstruction.png", "in-domain/pretrain/reconstruction.png" })
        {
            Assert.True(new FileInfo(Path.Combine(outDir, figure)).Length > 1000, figure);
            Assert.Contains($"]({figure})", md, StringComparison.Ordinal);
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(outDir, "*" + AtomicFile.Marker + "*", SearchOption.AllDirectories));

        // delete one step's result: only that step reruns (pre-training continues from its final checkpoint), nothing else is touched
        var pretrain = Path.Combine(outDir, "static-circles", "pretrain");
        var record = File.ReadAllText(Path.Combine(pretrain, ProgressionStepRecord.FileName));
        File.Delete(Path.Combine(pretrain, ProgressionStepRecord.FileName));
        var untouched = new[] { "scratch/finetune/results.json", "static-circles/analyze/metrics.json", "static-circles/finetune/results.json", "static-circles/finetune-s1/results.json", "static-circles/linprobe/done.json", "static-circles/attentive/done.json", "in-domain/pretrain/done.json" }
            .ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(outDir, f)));
        var second = ProgressionRunner.Run(plan, outDir, resume: true);
        Assert.Equal((1, 18), (second.StepsRun, second.StepsCached));
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
    public void ScalingStepsFineTuneFromTheKeptCheckpointsAndTheReportShowsTheCurve()
    {
        using var fixture = new DownstreamFixture();
        using var dir = new TempFolder();
        var outDir = Path.Combine(dir.Path, "progression");
        // three pre-training steps at a constant rate after a one-step warm-up; the budget at step 2 is kept and fine-tuned
        var preset = Micro with
        {
            PretrainSteps = null,
            PretrainRecipe = Micro.PretrainRecipe! with { BaseMinLr = Micro.PretrainRecipe!.BaseLr, WarmupSteps = 1, TotalSteps = 3 },
            FineTuneSeeds = 1,
            KnnProbe = false,
            AttentiveProbe = false,
            PixelBaseline = false,
            ScalingSteps = [2],
        };
        var plan = ProgressionPlan.Create(preset, "folder:" + fixture.DataDir, "in-domain");
        var outcome = ProgressionRunner.Run(plan, outDir, resume: false);
        // scratch: finetune, linprobe; in-domain: pretrain, finetune, finetune-at-2, linprobe
        Assert.Equal(6, outcome.StepsRun);
        var pretrain = Path.Combine(outDir, "in-domain", "pretrain");
        Assert.Contains(2L, new CheckpointStore(pretrain).Completed());
        Assert.Equal(new CheckpointStore(pretrain).ModelFile(2), FineTuneRunConfig.Load(Path.Combine(outDir, "in-domain", "finetune-at-2")).Checkpoint);
        Assert.Equal(new CheckpointStore(pretrain).ModelFile(3), FineTuneRunConfig.Load(Path.Combine(outDir, "in-domain", "finetune")).Checkpoint);

        // one point per budget, each against scratch's run, in the folder and in the report
        var csv = File.ReadAllLines(Path.Combine(outDir, ProgressionScaling.CsvFile));
        Assert.Equal(3, csv.Length);
        Assert.Contains(",2,4,in-domain-minus-scratch,", csv[1], StringComparison.Ordinal);
        Assert.Contains(",3,6,in-domain-minus-scratch,", csv[2], StringComparison.Ordinal);
        var md = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("Scaling study", md, StringComparison.Ordinal);
        Assert.Contains($"]({ProgressionScaling.PlotFile})", md, StringComparison.Ordinal);
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
    public void EachArmRunsItsStepsInOrder()
    {
        var arms = ProgressionPlan.Create(ProgressionPresets.CpuDemo, "synaction", "static-circles,in-domain").Arms;
        Assert.Equal(["finetune", "linprobe", "knn", "attentive", "pixels"], ProgressionRunner.Steps(ProgressionPresets.CpuDemo, arms[0]));
        Assert.Equal(["pretrain", "finetune", "linprobe", "knn", "attentive", "analyze"], ProgressionRunner.Steps(ProgressionPresets.CpuDemo, arms[1]));
        var seeds = ProgressionOverrides.Apply(ProgressionPresets.CpuDemo, ["fine_tune_seeds=3", "attentive_probe=false", "knn_neighbours=5"]);
        Assert.Equal(["pretrain", "finetune", "finetune-s1", "finetune-s2", "linprobe", "knn"], ProgressionRunner.Steps(seeds, arms[2]));
        Assert.Equal(5, seeds.KnnRecipe().Neighbours);
        Assert.Equal(2, ProgressionPreset.FineTuneSeed(0, 2));
        // the paper preset cannot hold ViT-B patch tokens of every view in memory
        Assert.DoesNotContain("attentive", ProgressionRunner.Steps(ProgressionPresets.Paper, arms[1]));
        Assert.Throws<UserInputException>(() => ProgressionPlan.Create(ProgressionPresets.CpuDemo with { FineTuneSeeds = 0 }, "synaction"));
        Assert.Throws<UserInputException>(() => ProgressionPlan.Create(ProgressionPresets.CpuDemo with { KnnTemperature = 0 }, "synaction"));
    }

    [Fact]
    public void ResultsCsvKeepsTheFirstColumnsAndReadsTheOldLayout()
    {
        var row = new ProgressionRow("moving-circles", 0.91, 25.5, 12, 3.1, 0.04, -2100, 1.36, 1.02)
        {
            FineTuneRuns = 2, FineTuneTop1Sd = 1.5, FineTuneTop1CiLow = 20, FineTuneTop1CiHigh = 31,
            LinProbeTop1CiLow = 8, LinProbeTop1CiHigh = 16, KnnTop1 = 14, KnnTop1CiLow = 10, KnnTop1CiHigh = 18,
            AttentiveTop1 = 19, AttentiveTop1CiLow = 15, AttentiveTop1CiHigh = 23,
        };
        var csv = ProgressionRow.ToCsv([row, new ProgressionRow("scratch", null, 10, 9, null, null, null, null, null)]);
        Assert.StartsWith("stage,pretrain_loss,finetune_top1,linprobe_top1,fid,kid,diversity_logdet,spectrum_alpha,lab_skl,finetune_runs,finetune_top1_sd,", csv, StringComparison.Ordinal);
        Assert.Contains("\nscratch,,10,9,,,,,,,,,,,,,,,,,\n", csv, StringComparison.Ordinal);
        var parsed = ProgressionRow.ParseCsv(csv, "results.csv");
        Assert.Equal(row, parsed[0]);
        var old = ProgressionRow.ParseCsv(ProgressionRow.BaseCsvHeader + "\nscratch,,10,9,,,,,\n", "old.csv");
        Assert.Equal(new ProgressionRow("scratch", null, 10, 9, null, null, null, null, null), old[0]);
    }

    [Fact]
    public void TheReportComputesGapClosedAndStageOrderSpearman()
    {
        ProgressionRow Row(string stage, double ft) => new(stage, 0.9, ft, ft / 2, null, null, null, null, null);
        var rows = new[]
        {
            Row("scratch", 10), Row("static-circles", 20),
            Row("moving-circles", 25) with { FineTuneTop1Sd = 1.5, FineTuneTop1CiLow = 20, FineTuneTop1CiHigh = 30, LinProbeTop1CiLow = 9, LinProbeTop1CiHigh = 16, KnnTop1 = 30, KnnTop1CiLow = 25, KnnTop1CiHigh = 35 },
            Row("moving-shapes", 30), Row("in-domain", 50),
        };
        Assert.Equal(1.0, ProgressionReport.StageOrderSpearman(rows)!.Value, 12);
        var reversed = new[] { Row("scratch", 30), Row("static-circles", 20), Row("moving-circles", 10) };
        Assert.Equal(-1.0, ProgressionReport.StageOrderSpearman(reversed)!.Value, 12);

        var context = new ReportContext("cpu-demo", "tiny", "synaction", DownstreamIsProxy: true, "random:0", FeaturesComparableWithPaper: false, 60, ["a note"]);
        var md = ProgressionReport.Markdown(context, rows, []);
        // (25 − 10)/(50 − 10) = 37.5 %; the paper's moving circles: (85.2 − 51.4)/(91.3 − 51.4) = 84.7 %
        Assert.Contains("moving-circles: closes 37.5% of the scratch-to-in-domain fine-tuning gap (paper, UCF101: 84.7%)", md, StringComparison.Ordinal);
        Assert.Contains("not comparable with the paper's", md, StringComparison.Ordinal);
        Assert.Contains("a note", md, StringComparison.Ordinal);
        // four arms besides in-domain in increasing order: only the observed of the 24 orders reaches ρ = 1
        Assert.Contains(
            "Spearman ρ between stage order and fine-tuning top-1: 1.000 (the paper's ViT-B UCF101 values over the same arms: 1.000); " +
            "permutation p = 0.0417 one-sided (ρ at least this large), 0.0833 two-sided (exact over all 24 orders of the 4 arms).", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Spearman ρ between stage order and k-NN", md, StringComparison.Ordinal);
        Assert.Contains("| static-circles | 0.9000 | 20.0 | – | 10.0 | – | – | 67.8 | 29.2 | 13.2 |", md, StringComparison.Ordinal);
        Assert.Contains("| moving-circles | 0.9000 | 25.0 ± 1.5 | [20.0, 30.0] | 12.5 [9.0, 16.0] | 30.0 [25.0, 35.0] | – | 85.2 |", md, StringComparison.Ordinal);
        var test = ProgressionReport.StageOrderSpearmanTest(rows, r => r.FineTuneTop1)!;
        Assert.Equal((1.0, 1.0 / 24, true), (test.Rho, test.POneSided, test.Exact));
    }
}

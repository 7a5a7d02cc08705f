using System.Text.Json.Nodes;
using SynVid.Analysis.Progression;
using SynVid.Evaluation;
using SynVid.Tests.Cli;
using SynVid.Training;

namespace SynVid.Tests.Analysis.Progression;

public sealed class ProgressionScalingTests
{
    private const int Videos = 20;

    // a progression folder holding only what the study reads: progression.json, one pre-training config, and fine-tuning
    // runs whose predictions get the first `right` of 20 test videos right
    private static string Progression(string root, string name, long steps, string downstream, Dictionary<string, int[]> arms, Dictionary<string, int>? budgets = null)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, ProgressionRunner.PlanFile), new JsonObject
        {
            ["preset"] = "cpu-demo",
            ["downstream"] = downstream,
            ["seed"] = 0,
            ["arms"] = new JsonArray([.. arms.Keys.Select(a => (JsonNode)a)]),
        }.ToJsonString());
        PretrainRunConfig.Create(PretrainPresets.CpuTiny with { TotalSteps = steps }, "synaction", "cpu-tiny").Save(Path.Combine(dir, "in-domain", "pretrain"));
        foreach (var (arm, runs) in arms)
        {
            for (var k = 0; k < runs.Length; k++)
            {
                Predictions(Path.Combine(dir, arm, ProgressionRunner.FineTuneStep(k)), runs[k]);
            }
        }
        // "ARM@STEP" → right: a fine-tuning from the pre-training checkpoint at STEP
        foreach (var (key, right) in budgets ?? [])
        {
            var (arm, step) = (key.Split('@')[0], long.Parse(key.Split('@')[1], System.Globalization.CultureInfo.InvariantCulture));
            Predictions(Path.Combine(dir, arm, ProgressionRunner.ScalingStep(step)), right);
        }
        return dir;
    }

    private static void Predictions(string stepDir, int right)
    {
        var result = new EvaluationResult(
            ["a", "b"],
            [.. Enumerable.Range(0, Videos).Select(i => new VideoPrediction($"v{i}.mp4", 0, i < right ? [0.9f, 0.1f] : [0.1f, 0.9f]))],
            new ViewCount(1, 1));
        Directory.CreateDirectory(stepDir);
        File.WriteAllText(Path.Combine(stepDir, PredictionsFile.FileName), EvaluationReport.PredictionsCsv(result));
        File.WriteAllText(Path.Combine(stepDir, EvaluationReport.ResultsFile), EvaluationReport.ResultsJson(result));
    }

    [Fact]
    public void OneFolderWithScalingStepsGivesAPointPerBudgetFromSeedZeroRuns()
    {
        using var root = new TempFolder();
        var dir = Progression(root.Path, "one", 400, "synaction", new()
        {
            ["scratch"] = [4, 8],
            ["static-circles"] = [6, 6],
            ["moving-circles"] = [10, 12],
            ["in-domain"] = [15, 19],
        }, new()
        {
            ["in-domain@100"] = 7, ["static-circles@100"] = 5, ["moving-circles@100"] = 5,
            ["in-domain@200"] = 11, ["static-circles@200"] = 6, ["moving-circles@200"] = 9,
        });
        var points = ProgressionScaling.Load([dir]);
        Assert.Equal([100L, 200L, 400L], points.Select(p => p.PretrainSteps));
        Assert.Equal(100L * PretrainPresets.CpuTiny.TotalBatch, points[0].PretrainClips);
        // every budget against scratch's seed-0 run (4 of 20); the full length from the seed-0 finetune steps
        Assert.Equal([15.0, 35.0, 55.0], points.Select(p => Math.Round(p.Gaps["in-domain-minus-scratch"].Value, 6)));
        Assert.Equal([0.0, 15.0, 20.0], points.Select(p => Math.Round(p.Gaps["moving-circles-minus-static-circles"].Value, 6)));

        // the command takes the one folder
        var outDir = Path.Combine(root.Path, "out");
        var result = CliRunner.Run("progression-scaling", "--runs", dir, "--out", outDir, "--resamples", "200");
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(1 + 3 * 2, File.ReadAllLines(Path.Combine(outDir, ProgressionScaling.CsvFile)).Length);
        Assert.Contains("seed-0 fine-tunings from each budget's checkpoint", File.ReadAllText(Path.Combine(outDir, ProgressionScaling.MarkdownFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void ScalingStepsNeedAConstantRateAfterWarmUpAndBudgetsInsideTheRun()
    {
        var preset = ProgressionPresets.CpuDemo with
        {
            PretrainRecipe = PretrainPresets.CpuTiny with { BaseMinLr = PretrainPresets.CpuTiny.BaseLr, WarmupSteps = 10, TotalSteps = 100 },
            PretrainSteps = null,
            ScalingSteps = [25, 50],
        };
        Assert.Same(preset, preset.Validated());
        Assert.True(preset.ScalesArm(new ProgressionArm("in-domain", ArmKind.InDomain)));
        Assert.True(preset.ScalesArm(new ProgressionArm("static-circles", ArmKind.Stage)));
        Assert.False(preset.ScalesArm(new ProgressionArm("textures", ArmKind.Stage)));
        Assert.False(preset.ScalesArm(new ProgressionArm("scratch", ArmKind.Scratch)));
        Assert.Equal(["pretrain", "finetune", "finetune-at-25", "finetune-at-50", "linprobe", "knn", "attentive"],
            ProgressionRunner.Steps(preset, new ProgressionArm("in-domain", ArmKind.InDomain)));

        var cosine = preset with { PretrainRecipe = preset.PretrainRecipe with { BaseMinLr = 1e-6 } };
        Assert.Contains("constant after the warm-up", Assert.Throws<UserInputException>(() => cosine.Validated()).Message, StringComparison.Ordinal);
        foreach (var step in new long[] { 5, 100, 200 })
        {
            var outside = preset with { ScalingSteps = [step] };
            Assert.Contains($"scaling step {step} must lie", Assert.Throws<UserInputException>(() => outside.Validated()).Message, StringComparison.Ordinal);
        }
        // set from the command line as a JSON list
        Assert.Equal([30L, 60L], ProgressionOverrides.Apply(preset, ["scaling_steps=[30,60]"]).ScalingSteps);
    }

    [Fact]
    public void GapsHavePairedIntervalsAndPointsSortByBudget()
    {
        using var root = new TempFolder();
        var large = Progression(root.Path, "large", 400, "synaction", new()
        {
            ["scratch"] = [4, 6],
            ["static-circles"] = [6],
            ["moving-circles"] = [10],
            ["in-domain"] = [15, 17],
        });
        var small = Progression(root.Path, "small", 100, "synaction", new() { ["scratch"] = [5], ["in-domain"] = [10] });
        var points = ProgressionScaling.Load([large, small]);
        Assert.Equal(["small", "large"], points.Select(p => p.Run));
        var batch = PretrainPresets.CpuTiny.TotalBatch;
        Assert.Equal((100L, 100L * batch), (points[0].PretrainSteps, points[0].PretrainClips));

        // small: 10/20 − 5/20; the better arm is right wherever the worse one is, so every resample's gap is positive
        var gap = points[0].Gaps["in-domain-minus-scratch"];
        Assert.Equal(25.0, gap.Value, 10);
        Assert.True(gap.Low > 0 && gap.High <= 50);
        Assert.False(points[0].Gaps.ContainsKey("moving-circles-minus-static-circles"));
        // large: the means over seeds, (15 + 17)/2 − (4 + 6)/2 of 20, and 10 − 6 of 20
        Assert.Equal(100 * ((16.0 - 5.0) / Videos), points[1].Gaps["in-domain-minus-scratch"].Value, 10);
        Assert.Equal(20.0, points[1].Gaps["moving-circles-minus-static-circles"].Value, 10);

        var outDir = Path.Combine(root.Path, "scaling");
        ProgressionScaling.Write(outDir, points);
        var csv = File.ReadAllLines(Path.Combine(outDir, ProgressionScaling.CsvFile));
        Assert.Equal("run,preset,seed,pretrain_steps,pretrain_clips,gap,gap_top1,gap_ci_lo,gap_ci_hi,test_videos", csv[0]);
        Assert.Equal(4, csv.Length);
        Assert.StartsWith($"small,cpu-demo,0,100,{100 * batch},in-domain-minus-scratch,25,", csv[1], StringComparison.Ordinal);
        var md = File.ReadAllText(Path.Combine(outDir, ProgressionScaling.MarkdownFile));
        Assert.Contains("| small | cpu-demo | 0 | 100 |", md, StringComparison.Ordinal);
        Assert.Contains("+25.0 [", md, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(outDir, ProgressionScaling.PlotFile)).Length > 1000);
        Assert.Equal("25k", ProgressionCharts.ClipCount(25_000));
        Assert.Equal("1.5M", ProgressionCharts.ClipCount(1_500_000));
    }

    [Fact]
    public void TheCommandWritesTheStudyAndRejectsMixedDownstreamData()
    {
        using var root = new TempFolder();
        var a = Progression(root.Path, "a", 50, "synaction", new() { ["scratch"] = [5], ["in-domain"] = [8] });
        var b = Progression(root.Path, "b", 200, "synaction", new() { ["scratch"] = [5], ["in-domain"] = [12] });
        var outDir = Path.Combine(root.Path, "out");
        var result = CliRunner.Run("progression-scaling", "--runs", $"{a},{b}", "--out", outDir, "--resamples", "200");
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("wrote scaling.csv", result.StdOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, ProgressionScaling.PlotFile)));

        var other = Progression(root.Path, "c", 400, "folder:/elsewhere", new() { ["scratch"] = [5], ["in-domain"] = [12] });
        var e = Assert.Throws<UserInputException>(() => ProgressionScaling.Load([a, other]));
        Assert.Contains("one downstream dataset", e.Message, StringComparison.Ordinal);
        Assert.Throws<UserInputException>(() => ProgressionScaling.Load([a]));
    }

    [Fact]
    public void CpuProofIsAValidScalingPresetWithItsOwnDownstreamTask()
    {
        var preset = ProgressionPresets.Parse("cpu-proof").Validated();
        var recipe = preset.Pretrain(0);
        Assert.Equal(recipe.BaseLr, recipe.BaseMinLr);
        // budgets spanning at least 16× up to the full length
        Assert.True(recipe.TotalSteps >= 16 * preset.ScalingSteps.Min(), $"{recipe.TotalSteps} / {preset.ScalingSteps.Min()}");
        Assert.True(preset.ScalingSteps.Count + 1 >= 4);
        Assert.Equal(ProgressionPresets.SynActionProof, preset.Downstream);
        var plan = ProgressionPlan.Create(preset, preset.Downstream!);
        Assert.Equal(["scratch", .. SynVid.Synthesis.Stages.Names.Where(n => n != SynVid.Synthesis.Stages.AcceleratingImageCrops.Name), "in-domain"], plan.Arms.Select(a => a.Name));
        Assert.Equal(preset.FineTune(0), FineTunePresets.CpuProof with { Seed = 0 });
    }
}

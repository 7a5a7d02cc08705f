using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SynVid.Analysis.Data;
using SynVid.Analysis.Features;
using SynVid.Analysis.Metrics;
using SynVid.Datasets;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Reporting;
using SynVid.Runtime;
using SynVid.Serialization;
using SynVid.Synthesis;
using SynVid.Textures;
using SynVid.Training;

namespace SynVid.Analysis.Progression;

/// <summary>The outcome of <see cref="ProgressionRunner.Run"/>.</summary>
/// <param name="Rows">One row per arm, as in results.csv.</param>
/// <param name="StepsRun">Steps run by this invocation.</param>
/// <param name="StepsCached">Steps skipped because an earlier invocation finished them.</param>
/// <param name="WallSeconds">Wall time of all finished steps, over every invocation.</param>
/// <param name="ReportPath">Path of report.md.</param>
public sealed record ProgressionOutcome(IReadOnlyList<ProgressionRow> Rows, int StepsRun, int StepsCached, double WallSeconds, string ReportPath)
{
    /// <summary>The steps' lists of the bad videos they left out (<c>ARM/STEP/skipped.csv</c>, relative to the folder), in step order.</summary>
    public IReadOnlyList<string> SkippedLists { get; init; } = [];
}

/// <summary>
/// Runs a <see cref="ProgressionPlan"/> into a folder: per arm pre-train → fine-tune (once per seed) → linear-probe →
/// k-NN probe → attentive probe → analyse, each step in DIR/ARM/STEP (<see cref="Steps"/>) and finished when its
/// <see cref="ProgressionStepRecord"/> exists. An unfinished step continues from its own checkpoints (pre-training,
/// fine-tuning and linear probing resume exactly) or reruns (the probes on cached features, analysis). After all arms:
/// results.csv, the charts, the preview strip, report.md and report.html.
/// </summary>
public static class ProgressionRunner
{
    /// <summary>The plan's record inside the output folder.</summary>
    public const string PlanFile = "progression.json";

    /// <summary>The results table.</summary>
    public const string ResultsFile = "results.csv";

    /// <summary>The first fine-tuning run's step; run k ≥ 1 is <c>finetune-sK</c> (<see cref="FineTuneStep"/>).</summary>
    public const string FineTune = "finetune";

    /// <summary>The k-NN probe's step.</summary>
    public const string Knn = "knn";

    /// <summary>The attentive probe's step.</summary>
    public const string Attentive = "attentive";

    /// <summary>The pixel baseline's step (scratch arm only: it has no encoder).</summary>
    public const string Pixels = "pixels";

    /// <summary>The step folder of fine-tuning run <paramref name="run"/> (0-based): finetune, finetune-s1, finetune-s2, …</summary>
    public static string FineTuneStep(int run) => run == 0 ? FineTune : $"{FineTune}-s{run}";

    /// <summary>The step folder of the fine-tuning from the pre-training checkpoint at <paramref name="pretrainStep"/> (scaling study).</summary>
    public static string ScalingStep(long pretrainStep) => $"{FineTune}-at-{pretrainStep.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Runs (or, with <paramref name="resume"/>, continues) the plan in <paramref name="directory"/>.</summary>
    public static ProgressionOutcome Run(
        ProgressionPlan plan, string directory, bool resume, IProgress<ProgressionProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        directory = Path.GetFullPath(directory);
        if (plan.Arms.Any(a => a.Analyses))
        {
            // a bad extractor spec fails now, not after hours of training
            FeatureExtractors.Open(plan.Preset.Features, TorchRuntime.ResolveDevice(plan.Preset.AnalysisDevice)).Dispose();
        }
        Prepare(plan, directory, resume);
        var steps = plan.Arms.SelectMany(arm => Steps(plan.Preset, arm).Select(step => (Arm: arm, Step: step))).ToList();
        int run = 0, cached = 0;
        using var analysis = new AnalysisContext(plan);
        using var probes = new ProgressionProbes(plan, directory);
        for (var i = 0; i < steps.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (arm, step) = steps[i];
            var stepDir = Path.Combine(directory, arm.Name, step);
            var index = i;
            void Report(long done, long total, string detail) =>
                progress?.Report(new ProgressionProgress(arm.Name, step, index, steps.Count, done, total, detail));
            if (ProgressionStepRecord.Read(stepDir) is not null)
            {
                cached++;
                Report(1, 1, "cached");
                continue;
            }
            Report(0, 0, "starting");
            Directory.CreateDirectory(stepDir);
            var clock = Stopwatch.StartNew();
            double? loss = null;
            switch (step)
            {
                case "pretrain" when plan.Encoders?.For(arm.Name) is { } encoder:
                    loss = plan.Encoders.Install(arm.Name, PretrainConfig(plan, arm, encoder.Seed), stepDir);
                    break;
                case "pretrain":
                    loss = Pretrain(plan, arm, stepDir, Report, cancellation);
                    break;
                case "linprobe":
                    Downstream(plan, arm, directory, stepDir, null, Report, cancellation);
                    break;
                case Knn:
                    probes.Knn(arm, stepDir, Report, cancellation);
                    break;
                case Attentive:
                    probes.Attentive(arm, stepDir, Report, cancellation);
                    break;
                case Pixels:
                    probes.Pixels(stepDir, Report, cancellation);
                    break;
                case var scaling when ScalingBudget(plan.Preset, scaling) is { } budget:
                    var checkpoint = new CheckpointStore(Path.Combine(directory, arm.Name, "pretrain")).ModelFile(budget);
                    if (!File.Exists(checkpoint))
                    {
                        throw new UserInputException($"{arm.Name}/pretrain has no checkpoint at step {budget} (it ran without that scaling step): start the progression in a new folder");
                    }
                    Downstream(plan, arm, directory, stepDir, 0, Report, cancellation, checkpoint);
                    break;
                case "analyze":
                    analysis.Analyse(arm, stepDir, Report, cancellation);
                    break;
                default:
                    Downstream(plan, arm, directory, stepDir, FineTuneRun(plan.Preset, step), Report, cancellation);
                    break;
            }
            new ProgressionStepRecord(step, clock.Elapsed.TotalSeconds, loss).Write(stepDir);
            run++;
            Report(1, 1, "done");
        }
        var rows = plan.Arms.Select(arm => Row(directory, plan.Preset, arm)).ToList();
        AtomicFile.WriteAllText(Path.Combine(directory, ResultsFile), ProgressionRow.ToCsv(rows));
        var wall = plan.Arms.Sum(arm => Steps(plan.Preset, arm).Sum(step => ProgressionStepRecord.Read(Path.Combine(directory, arm.Name, step))?.Seconds ?? 0));
        var reportPath = WriteReport(plan, directory, rows, wall);
        return new ProgressionOutcome(rows, run, cached, wall, reportPath) { SkippedLists = SkippedLists(plan, directory) };
    }

    /// <summary>
    /// Opens the downstream dataset as the fine-tuning steps do (every split, every listed video probed), so that under
    /// <see cref="BadVideoPolicy.Fail"/> a bad listed video stops the progression before its folder is written. Returns
    /// the videos <see cref="BadVideoPolicy.Skip"/> leaves out of every step. A video that fails only when decoded (a
    /// truncated one) is found by the step that reads it.
    /// </summary>
    public static IReadOnlyList<SkippedVideo> CheckDownstream(ProgressionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.OpenDownstream(plan.Preset.FineTune(plan.Seed)).SkippedIn(SplitNames.All);
    }

    /// <summary>
    /// Writes a finished step's <c>skipped.csv</c> (<see cref="SkippedVideoList"/>), or removes one an earlier attempt
    /// left when this one skipped nothing, so that the list is always that of the attempt that finished the step.
    /// </summary>
    internal static void WriteSkipped(string stepDir, IReadOnlyList<SkippedVideo> skipped)
    {
        if (SkippedVideoList.Write(stepDir, skipped) is null)
        {
            File.Delete(Path.Combine(stepDir, SkippedVideoList.FileName));
        }
    }

    private static List<string> SkippedLists(ProgressionPlan plan, string directory) =>
        [.. plan.Arms.SelectMany(arm => Steps(plan.Preset, arm).Select(step => Path.Combine(arm.Name, step, SkippedVideoList.FileName)))
            .Where(p => File.Exists(Path.Combine(directory, p)))];

    /// <summary>
    /// The steps of an arm, in order: pretrain (not scratch), finetune and finetune-s1 … (one per fine-tuning seed),
    /// linprobe, knn and attentive (when the preset runs them), pixels (scratch, when the preset runs it), analyze (stages, when the preset analyses them).
    /// </summary>
    public static IReadOnlyList<string> Steps(ProgressionPreset preset, ProgressionArm arm)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(arm);
        var steps = new List<string>();
        if (arm.Pretrains)
        {
            steps.Add("pretrain");
        }
        steps.AddRange(Enumerable.Range(0, preset.FineTuneSeeds).Select(FineTuneStep));
        if (preset.ScalesArm(arm))
        {
            steps.AddRange(preset.ScalingSteps.Order().Select(ScalingStep));
        }
        steps.Add("linprobe");
        if (preset.KnnProbe)
        {
            steps.Add(Knn);
        }
        if (preset.AttentiveProbe)
        {
            steps.Add(Attentive);
        }
        if (preset.PixelBaseline && arm.Kind == ArmKind.Scratch)
        {
            steps.Add(Pixels);
        }
        if (arm.Analyses && preset.AnalyseStages)
        {
            steps.Add("analyze");
        }
        return steps;
    }

    private static long? ScalingBudget(ProgressionPreset preset, string step) =>
        preset.ScalingSteps.Select(b => (long?)b).FirstOrDefault(b => ScalingStep(b!.Value) == step);

    private static int FineTuneRun(ProgressionPreset preset, string step) =>
        Enumerable.Range(0, preset.FineTuneSeeds).First(k => FineTuneStep(k) == step);

    /// <summary>Checks the folder against <paramref name="resume"/> and records the plan.</summary>
    private static void Prepare(ProgressionPlan plan, string directory, bool resume)
    {
        var planPath = Path.Combine(directory, PlanFile);
        var nonEmpty = Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any();
        if (nonEmpty && !resume)
        {
            throw new UserInputException($"{directory} is not empty; continue the progression in it with --resume or choose another --out");
        }
        if (nonEmpty && File.Exists(planPath))
        {
            var saved = JsonNode.Parse(File.ReadAllText(planPath)) as JsonObject
                ?? throw new UserInputException($"{planPath}: not a JSON object");
            foreach (var (key, value) in new[] { ("preset", plan.Preset.Name), ("downstream", plan.Downstream), ("seed", plan.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("features", plan.Preset.Features) })
            {
                var was = saved[key]?.ToString();
                if (was is not null && was != value)
                {
                    throw new UserInputException($"{directory} holds a progression with {key} '{was}', not '{value}'; resume it with the same --preset, --downstream, --seed and --features");
                }
            }
        }
        else if (nonEmpty)
        {
            throw new UserInputException($"{directory} is not empty and holds no {PlanFile}: not a progression folder");
        }
        Directory.CreateDirectory(directory);
        var json = new JsonObject
        {
            ["preset"] = plan.Preset.Name,
            ["downstream"] = plan.Downstream,
            ["seed"] = plan.Seed,
            ["features"] = plan.Preset.Features,
            ["images"] = plan.Images,
            // the latest invocation's choice: a progression stopped by a bad video continues with --resume --on-bad-video skip
            ["on_bad_video"] = plan.OnBadVideoName,
            ["arms"] = new JsonArray([.. plan.Arms.Select(a => (JsonNode)a.Name)]),
            ["encoders"] = plan.Encoders?.Directory,
            ["synvid_version"] = BuildInfo.Version,
        };
        AtomicFile.WriteAllText(planPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static double Pretrain(ProgressionPlan plan, ProgressionArm arm, string stepDir, Action<long, long, string> report, CancellationToken cancellation)
    {
        PretrainRunConfig config;
        if (File.Exists(Path.Combine(stepDir, PretrainRunConfig.FileName)))
        {
            config = PretrainRunConfig.Load(stepDir);
            if (config.TrainSplit is not null)
            {
                // this invocation's policy, also for a step an earlier one began (Pretrainer.Run saves the config again)
                config = config with { OnBadVideo = plan.OnBadVideoName };
            }
        }
        else
        {
            config = PretrainConfig(plan, arm, plan.Seed);
        }
        var source = PretrainData.Open(config);
        try
        {
            var total = config.Recipe.TotalSteps;
            var keep = plan.Preset.ScalesArm(arm) ? plan.Preset.ScalingSteps.ToHashSet() : null;
            Pretrainer.Run(stepDir, config, source, total, new InlineProgress<PretrainProgress>(p => report(p.Step, total, "train")), cancellation, keep);
            WriteSkipped(stepDir, source is ISkippedVideos skipping ? skipping.SkippedVideos : []);
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
        var (_, values) = MetricsCsv.Read(Path.Combine(stepDir, "metrics.csv"));
        return TailMean(values["loss"]);
    }

    /// <summary>The configuration of an arm's pre-training step, its recipe seeded <paramref name="seed"/>.</summary>
    public static PretrainRunConfig PretrainConfig(ProgressionPlan plan, ProgressionArm arm, int seed)
    {
        var recipe = plan.Preset.Pretrain(seed);
        return arm.Kind == ArmKind.InDomain
            ? PretrainData.ForTrainSplit(recipe, plan.Downstream, plan.OnBadVideoName, plan.Preset.PretrainPreset)
            : PretrainData.ForStage(recipe, plan.Preset.Stage(arm.Name), ImagesFor(plan, arm.Name), plan.Preset.PretrainPreset) with
            {
                TexturePoolSize = plan.Preset.TexturePoolSize,
            };
    }

    /// <summary>Mean of the last tenth (at least one) of a loss curve: less noisy than the last step alone.</summary>
    public static double TailMean(IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        if (losses.Count == 0)
        {
            return double.NaN;
        }
        var take = Math.Max(1, losses.Count / 10);
        return losses.Skip(losses.Count - take).Average();
    }

    // fineTuneRun: the fine-tuning run's index (its seed is FineTuneSeed(seed, run)); null: the linear probe.
    // checkpoint: the weights to start from (null: the arm's final pre-training checkpoint).
    private static void Downstream(
        ProgressionPlan plan, ProgressionArm arm, string directory, string stepDir, int? fineTuneRun, Action<long, long, string> report, CancellationToken cancellation,
        string? checkpoint = null)
    {
        var probe = fineTuneRun is null;
        FineTuneRunConfig config;
        if (FineTuneRunConfig.Exists(stepDir))
        {
            config = FineTuneRunConfig.Load(stepDir);
            if (config.OnBadVideo != plan.OnBadVideoName)
            {
                // the step continues under this invocation's policy; its config says so
                config = config with { OnBadVideo = plan.OnBadVideoName };
                config.Save(stepDir);
            }
        }
        else
        {
            var recipe = fineTuneRun is { } k ? plan.Preset.FineTune(ProgressionPreset.FineTuneSeed(plan.Seed, k)) : plan.Preset.LinearProbe(plan.Seed);
            recipe.Validate();
            var initial = !arm.Pretrains ? FineTuneRunConfig.NoCheckpoint : InitialWeights.Resolve(checkpoint ?? Path.Combine(directory, arm.Name, "pretrain"));
            config = FineTuneRunConfig.Create(recipe, plan.Downstream, initial, probe ? DownstreamMode.LinearProbe : DownstreamMode.FineTune, plan.Preset.FineTunePreset) with
            {
                CacheFeatures = probe && plan.Preset.LinearProbeCachedFeatures,
                OnBadVideo = plan.OnBadVideoName,
            };
        }
        var data = plan.OpenDownstream(config.Recipe);
        var progress = new InlineProgress<DownstreamProgress>(p => report(p.Done, p.Total, p.Phase));
        if (probe)
        {
            LinearProber.Run(stepDir, config, data, progress, null, cancellation);
        }
        else
        {
            FineTuner.Run(stepDir, config, data, progress, null, cancellation);
        }
        WriteSkipped(stepDir, data.SkippedIn(SplitNames.All));
    }

    // Natural images only for the image-crop stage: the other textured stages keep their own texture families.
    private static string? ImagesFor(ProgressionPlan plan, string stage) => stage == Stages.AcceleratingImageCrops.Name ? plan.Images : null;

    /// <summary>The textures a stage arm trains on (a fresh pool or folder source; the caller disposes it).</summary>
    private static ITextureSource? Textures(ProgressionPlan plan, StageParameters stage)
    {
        if (!stage.NeedsTextures)
        {
            return null;
        }
        if (ImagesFor(plan, stage.Name) is { } images)
        {
            return new ImageFolderTextureSource(images, stage.Resolution);
        }
        return BuiltInStageTextures.OpenPool(stage.Name, plan.Seed, plan.Preset.TexturePoolSize ?? BuiltInStageTextures.DefaultPoolSize)
            ?? throw new UserInputException($"stage '{stage.Name}' needs natural images: give --images DIR");
    }

    /// <summary>One arm's row, read back from its step folders.</summary>
    public static ProgressionRow Row(string directory, ProgressionPreset preset, ProgressionArm arm)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(arm);
        var armDir = Path.Combine(directory, arm.Name);
        var loss = ProgressionStepRecord.Read(Path.Combine(armDir, "pretrain"))?.PretrainLoss;
        var metrics = ReadJson(Path.Combine(armDir, "analyze", MetricsJson.FileName));
        double? M(string key) => metrics?[key] is JsonValue v && v.TryGetValue<double>(out var x) ? x : null;
        ArmAccuracy? Read(params string[] steps) => ArmAccuracy.Read(steps.Select(s => Path.Combine(armDir, s)));
        var fineTune = FineTuneAccuracy(armDir, preset);
        var linProbe = Read("linprobe");
        var knn = Read(Knn);
        var attentive = Read(Attentive);
        return new ProgressionRow(
            arm.Name, loss, fineTune?.Mean, linProbe?.Mean,
            M("fid"), M("kid"), M("diversity_logdet"), M("spectrum_alpha"), M("lab_skl"))
        {
            FineTuneRuns = fineTune?.Runs,
            FineTuneTop1Sd = fineTune?.Sd,
            FineTuneTop1CiLow = fineTune?.Interval.Low,
            FineTuneTop1CiHigh = fineTune?.Interval.High,
            LinProbeTop1CiLow = linProbe?.Interval.Low,
            LinProbeTop1CiHigh = linProbe?.Interval.High,
            KnnTop1 = knn?.Mean,
            KnnTop1CiLow = knn?.Interval.Low,
            KnnTop1CiHigh = knn?.Interval.High,
            AttentiveTop1 = attentive?.Mean,
            AttentiveTop1CiLow = attentive?.Interval.Low,
            AttentiveTop1CiHigh = attentive?.Interval.High,
        };
    }

    /// <summary>The finished fine-tuning runs of an arm folder (the preset's seeds), or null when none has finished.</summary>
    public static ArmAccuracy? FineTuneAccuracy(string armDirectory, ProgressionPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return ArmAccuracy.Read(Enumerable.Range(0, preset.FineTuneSeeds).Select(k => Path.Combine(armDirectory, FineTuneStep(k))));
    }

    private static JsonObject? ReadJson(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: invalid JSON ({e.Message})", e);
        }
    }

    private static string WriteReport(ProgressionPlan plan, string directory, IReadOnlyList<ProgressionRow> rows, double wall)
    {
        var figures = new List<ProgressionReport.Figure>();
        ProgressionCharts.Accuracy(Path.Combine(directory, "accuracy.png"), rows, plan.Downstream);
        figures.Add(new("accuracy.png", plan.Preset.FineTuneSeeds > 1
            ? $"Top-1 by pre-training data (ours beside the paper's ViT-B UCF101 fine-tuning; fine-tuning bars: mean ± s.d. over {plan.Preset.FineTuneSeeds} seeds)"
            : "Top-1 by pre-training data (ours beside the paper's ViT-B UCF101 fine-tuning)"));

        var stageArms = plan.Arms.Where(a => a.Kind == ArmKind.Stage).ToList();
        if (stageArms.Count > 0)
        {
            ProgressionPreview.Save(Path.Combine(directory, "preview.png"),
                [.. stageArms.Select(a => (plan.Preset.Stage(a.Name), (Func<ITextureSource?>)(() => Textures(plan, plan.Preset.Stage(a.Name)))))],
                plan.Seed);
            figures.Add(new("preview.png", "Preview: one video per stage (rows: " + string.Join(", ", stageArms.Select(a => a.Name)) + ")"));
        }

        var runs = new List<RunProperties>();
        foreach (var arm in stageArms)
        {
            var row = rows.First(r => r.Stage == arm.Name);
            var metrics = ReadJson(Path.Combine(directory, arm.Name, "analyze", MetricsJson.FileName));
            if (row.FineTuneTop1 is not { } top1 || metrics is null)
            {
                continue;
            }
            runs.Add(new RunProperties(arm.Name, Path.Combine(directory, arm.Name), top1, CorrelationStudy.PropertiesOf(metrics)));
        }
        var correlations = CorrelationStudy.Correlate(runs);
        if (correlations.Count > 0)
        {
            var correlationDir = Path.Combine(directory, "correlations");
            CorrelationStudy.Write(correlationDir, runs, correlations, new BootstrapOptions());
            foreach (var c in correlations)
            {
                figures.Add(new($"correlations/scatter_{c.Property}.png", $"Fine-tuning top-1 against {c.Property} (stage arms)"));
            }
        }
        foreach (var arm in plan.Arms.Where(a => a.Pretrains))
        {
            if (File.Exists(Path.Combine(directory, arm.Name, "pretrain", "reconstruction.png")))
            {
                figures.Add(new($"{arm.Name}/pretrain/reconstruction.png", $"Reconstruction after pre-training on {arm.Name} (input, masked input, reconstruction)"));
            }
        }

        var firstMetrics = stageArms.Select(a => ReadJson(Path.Combine(directory, a.Name, "analyze", MetricsJson.FileName))).FirstOrDefault(m => m is not null);
        var comparable = firstMetrics?["comparable_with_paper"] is JsonValue c2 && c2.TryGetValue<bool>(out var b) && b;
        var notes = new List<string>(plan.Notes);
        var scratchArm = plan.Arms.FirstOrDefault(a => a.Kind == ArmKind.Scratch);
        if (scratchArm is not null && ArmAccuracy.Read([Path.Combine(directory, scratchArm.Name, Pixels)]) is { } pixels)
        {
            var grid = new PixelBaselineRecipe().Grid;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Pixel baseline (no learned features: a logistic regression on the per-pixel temporal s.d. of the grey clip at {grid}×{grid}, on the linear probe's views): " +
                $"top-1 {pixels.Interval.Value:F1}% (95% CI {pixels.Interval.Low:F1}–{pixels.Interval.High:F1}, {pixels.Interval.Videos} test videos)."));
        }
        if (scratchArm is not null && FineTuneAccuracy(Path.Combine(directory, scratchArm.Name), plan.Preset) is { } scratchRuns)
        {
            var differences = plan.Arms.Where(a => a.Pretrains)
                .Select(a => (a.Name, Runs: FineTuneAccuracy(Path.Combine(directory, a.Name), plan.Preset)))
                .Where(x => x.Runs is not null)
                .Select(x => (x.Name, Gap: x.Runs!.Minus(scratchRuns)))
                .ToList();
            if (differences.Count > 0)
            {
                notes.Add("Fine-tuning top-1 minus scratch's (points; 95% paired bootstrap CI over the test videos, each video's correctness averaged over an arm's runs): " +
                    string.Join(", ", differences.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Name} {d.Gap.Value:+0.0;-0.0;0.0} [{d.Gap.Low:F1}, {d.Gap.High:F1}]"))) + ".");
            }
        }
        if (plan.Preset.ScalingSteps.Count > 0 && ProgressionScaling.Budgets(directory) is { Count: > 0 } budgets)
        {
            ProgressionScaling.Write(directory, budgets);
            figures.Add(new(ProgressionScaling.PlotFile, "Fine-tuning gaps against the pre-training budget (seed-0 fine-tunings; table in scaling.md)"));
            notes.Add("Scaling study (top-1 gap in points, seed-0 fine-tunings, 95% paired bootstrap CI; scaling.md, scaling.csv): " + string.Join("; ", budgets.Select(p =>
                ProgressionCharts.ClipCount(p.PretrainClips) + " clips: " + string.Join(", ", ScalingGap.Default.Where(g => p.Gaps.ContainsKey(g.Key)).Select(g =>
                    string.Create(CultureInfo.InvariantCulture, $"{g.Label} {p.Gaps[g.Key].Value:+0.0;-0.0;0.0} [{p.Gaps[g.Key].Low:F1}, {p.Gaps[g.Key].High:F1}]"))))) + ".");
        }
        if (SkippedLists(plan, directory) is { Count: > 0 } skippedLists)
        {
            notes.Add($"Bad downstream videos were left out (--on-bad-video skip); each step that left some out lists them: {string.Join(", ", skippedLists)}.");
        }
        if (plan.Arms.Select(a => FineTuneAccuracy(Path.Combine(directory, a.Name), plan.Preset)).FirstOrDefault(a => a is not null) is { } sample)
        {
            notes.Add(StatisticsNote(plan, sample.Interval.Videos));
        }
        var context = new ReportContext(plan.Preset.Name, Scale(plan), plan.Downstream, plan.DownstreamIsProxy, plan.Preset.Features, comparable, wall, notes);
        var md = Path.Combine(directory, "report.md");
        AtomicFile.WriteAllText(md, ProgressionReport.Markdown(context, rows, figures));
        AtomicFile.WriteAllText(Path.Combine(directory, "report.html"), ProgressionReport.Html(context, rows, figures));
        return md;
    }

    /// <summary>How the table's spreads, intervals and probes were computed, in words.</summary>
    public static string StatisticsNote(ProgressionPlan plan, int testVideos)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var bootstrap = new BootstrapOptions();
        var seeds = plan.Preset.FineTuneSeeds;
        var text = seeds > 1
            ? $"FT top-1 is the mean ± sample s.d. over {seeds} fine-tuning runs (seeds {plan.Seed}–{ProgressionPreset.FineTuneSeed(plan.Seed, seeds - 1)}); "
            : "FT top-1 is one fine-tuning run (set fine_tune_seeds for several); ";
        text += string.Create(CultureInfo.InvariantCulture,
            $"the 95% CIs are percentile-bootstrap intervals over the {testVideos} test videos ({bootstrap.Resamples} resamples, seed {bootstrap.Seed}), a video's correctness averaged over the runs.");
        if (plan.Preset.KnnProbe)
        {
            var knn = plan.Preset.KnnRecipe();
            text += string.Create(CultureInfo.InvariantCulture,
                $" k-NN: DINO's weighted vote of the {knn.Neighbours} most cosine-similar training clips (T = {knn.Temperature}) on the frozen encoder's clip embeddings.");
        }
        if (plan.Preset.AttentiveProbe)
        {
            var attentive = plan.Preset.AttentiveRecipe(plan.Seed);
            text += string.Create(CultureInfo.InvariantCulture,
                $" Attentive probe: one learned query cross-attending to the frozen patch tokens, LayerNorm and a linear head, {attentive.Epochs} epochs.");
        }
        return text;
    }

    /// <summary>The model and training scale in words, for the report.</summary>
    public static string Scale(ProgressionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var pre = plan.Preset.Pretrain(plan.Seed);
        var ft = plan.Preset.FineTune(plan.Seed);
        var lp = plan.Preset.LinearProbe(plan.Seed);
        var encoder = pre.ModelConfig().Encoder;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"ViT-{pre.Model} widths ({encoder.EmbedDim}-d, {encoder.Depth} blocks), {pre.Frames}×{pre.InputSize}² clips; " +
            $"{pre.TotalSteps} pre-training steps of batch {pre.TotalBatch} ({plan.Preset.PretrainPreset}); " +
            $"fine-tuning {Epochs(ft.Epochs)} of batch {ft.BatchSize} at {ft.Frames}×{ft.InputSize}² ({plan.Preset.FineTunePreset}); " +
            $"linear probe {Epochs(lp.Epochs)}{(plan.Preset.LinearProbeCachedFeatures ? " on cached features" : "")}; " +
            $"{(plan.Preset.AnalyseStages ? $"dataset metrics on {plan.Preset.AnalysisFrames} frames and {plan.Preset.AnalysisVideos} videos per set" : "no dataset metrics")}");
    }

    private static string Epochs(int n) => n == 1 ? "1 epoch" : $"{n} epochs";

    /// <summary>The analysis of every stage arm against one reference summary, computed once per invocation.</summary>
    private sealed class AnalysisContext(ProgressionPlan plan) : IDisposable
    {
        private IFeatureExtractor? _extractor;
        private DatasetSummary? _reference;
        private IReadOnlyList<SkippedVideo> _referenceSkipped = [];

        private AnalysisOptions Options(string data) => new AnalysisOptions
        {
            Data = data,
            Reference = plan.Downstream,
            Features = plan.Preset.Features,
            Frames = plan.Preset.AnalysisFrames,
            Videos = plan.Preset.AnalysisVideos,
            Seed = plan.Seed,
            Device = plan.Preset.AnalysisDevice,
            OnBadVideo = plan.OnBadVideo,
        }.Validated();

        public void Analyse(ProgressionArm arm, string stepDir, Action<long, long, string> report, CancellationToken cancellation)
        {
            var options = Options("stage:" + arm.Name);
            _extractor ??= FeatureExtractors.Open(options.Features, TorchRuntime.ResolveDevice(options.Device));
            var progress = new InlineProgress<AnalysisProgress>(p => report(p.Done, p.Total, $"{p.Dataset} {p.Phase}"));
            if (_reference is null)
            {
                using var reference = VideoCollections.Open(plan.Downstream, onBadVideo: plan.OnBadVideo);
                _reference = DatasetAnalysis.Summarize(reference, _extractor, options, "reference", progress, cancellation);
                _referenceSkipped = reference is ISkippedVideos skipping ? skipping.SkippedVideos : [];
            }
            var stage = plan.Preset.Stage(arm.Name);
            using var data = new StageVideoCollection(stage, Textures(plan, stage), plan.Seed, StageVideoCollection.DefaultCount);
            var summary = DatasetAnalysis.Summarize(data, _extractor, options, "data", progress, cancellation);
            var metrics = DatasetAnalysis.Compare(summary, _reference, _extractor, options);
            MetricsJson.Write(stepDir, metrics, options);
            AnalysisFigure.Save(Path.Combine(stepDir, "analysis.png"), metrics);
            // every stage is compared with the same reference sample, so each analysis lists what it left out
            WriteSkipped(stepDir, _referenceSkipped);
        }

        public void Dispose() => _extractor?.Dispose();
    }
}

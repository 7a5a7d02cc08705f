using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Model.Checkpoints;
using SynVid.Runtime;
using SynVid.Serialization;
using SynVid.Training;

namespace SynVid.Cli.Commands;

/// <summary>`synvid finetune` and `synvid linprobe`: one command builder, the mode decides what trains.</summary>
public static class DownstreamCommand
{
    private const string CacheHelp =
        "Compute each training video's features once and train the head on that cache (much faster per epoch). " +
        "Unlike the reference, the cached view is deterministic: one training window per video (seeded), short side " +
        "resized and centre-cropped, with no per-epoch RandAugment, random crop, flip, erasing, mixup or cutmix " +
        "(label smoothing and the head's dropout stay).";

    /// <summary>`synvid finetune`.</summary>
    public static Command FineTune() => Create(DownstreamMode.FineTune);

    /// <summary>`synvid linprobe`.</summary>
    public static Command LinearProbe() => Create(DownstreamMode.LinearProbe);

    private static Command Create(DownstreamMode mode)
    {
        var probe = mode == DownstreamMode.LinearProbe;
        var command = probe
            ? new Command("linprobe",
                "Linear probing (docs/reference-behaviour.md §5.4, SynVid defaults §9): the encoder is frozen (eval mode), its fc_norm fresh and " +
                "frozen, and only BatchNorm1d(affine=false) + Linear train, with AdamW lr 1e-2 at batch 256, weight decay 0 and " +
                "the fine-tuning augmentations. Ends with the multi-view test: RUN_DIR/results.json (top1, top5, num_videos, " +
                "views), predictions.csv, confusion.png and checkpoint-final.pth (the head folded into an ordinary classifier " +
                "for `synvid evaluate`).")
            : new Command("finetune",
                "Fine-tune a pre-trained (or randomly initialised: --checkpoint none, the scratch baseline) VideoMAE encoder " +
                "with the reference recipe (docs/reference-behaviour.md §5.3): layer decay, drop path, RandAugment, mixup/cutmix, label " +
                "smoothing, random erasing, repeated augmentation, validation every epoch, multi-view test at the end. Writes " +
                "RUN_DIR/results.json (top1, top5, num_videos, views), predictions.csv, confusion.png, metrics.csv, " +
                "validation.csv, loss.png, accuracy.png, tensorboard/, checkpoints/ and checkpoint-final.pth. --resume " +
                "continues an interrupted run from its latest checkpoint (one per epoch); of a finished run it does nothing.");
        var data = new Option<string?>("--data") { Description = $"Dataset: {DatasetSpec.Forms}." };
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "Initial weights: a SynVid pre-training run folder (its latest checkpoint) or checkpoint file, a reference " +
                ".pth, a HuggingFace .safetensors, or none (random init). The model size follows the checkpoint.",
        };
        var preset = new Option<string>("--preset")
        {
            Description = "Recipe: cpu-tiny (minutes on 2 cores; 8 frames of 64²), cpu-small (16 of 112²), paper-ucf101, paper-hmdb51 (ViT-B, 16×224²; GPU)." +
                (probe ? " The linear-probe recipe is the preset's with lr ×10, weight decay 0 and no layer decay." : ""),
            DefaultValueFactory = _ => "cpu-tiny",
        };
        var output = new Option<string?>("--out") { Description = "Run folder (new)." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its latest checkpoint, with its saved config." };
        var recipeOptions = new RecipeOptions<FineTuneRecipe>("rand_augment=none");
        recipeOptions.Shorthand(new Option<int?>("--epochs") { Description = "Epochs (default: the preset's); warm-up is capped at it." },
            (epochs, r) => epochs is { } e ? [RecipeOptions<FineTuneRecipe>.Assign("epochs", e), RecipeOptions<FineTuneRecipe>.Assign("warmup_epochs", Math.Min(r.WarmupEpochs, Math.Max(e, 0)))] : []);
        var threads = new Option<int>("--threads") { Description = "Torch threads (0 = libtorch default: all cores).", DefaultValueFactory = _ => 0 };
        recipeOptions.Shorthand(new Option<int?>("--seed") { Description = "Seed of the initialisation, data order, augmentation and mixing (default 0)." }, "seed");
        recipeOptions.Shorthand(new Option<int?>("--batch") { Description = "Videos per optimiser step (default: the preset's); lr scales by batch/256." }, "batch_size");
        recipeOptions.Shorthand(new Option<double?>("--lr") { Description = "Base learning rate before scaling by batch/256 (default: the preset's)." }, "base_lr");
        recipeOptions.Shorthand(new Option<string?>("--views") { Description = "Test views as CLIPSxCROPS (default: the preset's, else the dataset's: 5x3 UCF101, 10x3 HMDB51)." },
            (text, _) =>
            {
                var count = ViewCount.Parse(text!);
                return [RecipeOptions<FineTuneRecipe>.Assign("test_clips", count.Clips), RecipeOptions<FineTuneRecipe>.Assign("test_crops", count.Crops)];
            });
        recipeOptions.Shorthand(new Option<int?>("--stride") { Description = "Frame stride (default: the preset's, else the dataset's: 4 UCF101, 2 HMDB51)." }, "stride");
        recipeOptions.Shorthand(new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default: the preset's)." }, "device");
        var onBadVideo = BadVideoOption.Create();
        var force = ForceOption.Create();
        var splits = new Option<string?>("--splits") { Description = "Folder of official split lists (UCF101 ucfTrainTestlist, HMDB51 split files)." };
        recipeOptions.Shorthand(new Option<string?>("--betas") { Description = "AdamW betas as B1,B2 (default 0.9,0.999 as executed; the paper's table says 0.9,0.95)." },
            (text, _) =>
            {
                var parts = text!.Split(',');
                if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var b1)
                    || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var b2))
                {
                    throw new UserInputException($"--betas must be two numbers B1,B2 (e.g. 0.9,0.999), got '{text}'");
                }
                return [RecipeOptions<FineTuneRecipe>.Assign("beta1", b1), RecipeOptions<FineTuneRecipe>.Assign("beta2", b2)];
            });
        recipeOptions.Shorthand(new Option<double?>("--clip-grad") { Description = "Clip the gradient norm to this value (default: none, as the reference)." }, "clip_grad");
        recipeOptions.Shorthand(new Option<int?>("--data-workers") { Description = "Background batch producers (default: one per core, at most 4)." }, "data_workers");
        var frameCache = new Option<int>("--cache-mb")
        {
            Description = "Keep whole decoded video files in memory up to this many MB, so each is decoded once rather than once per clip " +
                "(worth it for small file datasets and motion probes; frames only, results unchanged). Default 0: off.",
            DefaultValueFactory = _ => 0,
        };
        var cache = new Option<bool>("--cache-features") { Description = CacheHelp };
        var trainMode = new Option<bool>("--backbone-train-mode")
        {
            Description = "Run the frozen encoder in train mode, so its drop path is active, as the reference script does (default: eval mode, §9).",
        };
        var options = new List<Option> { data, checkpoint, preset, output, resume, threads, frameCache, onBadVideo, splits, force };
        if (probe)
        {
            options.Add(cache);
            recipeOptions.Shorthand<bool>(trainMode, (on, _) => on ? [RecipeOptions<FineTuneRecipe>.Assign("probe_backbone_train_mode", true)] : []);
        }
        options.AddRange(recipeOptions.All);
        foreach (var option in options)
        {
            command.Add(option);
        }

        command.SetAction((parse, cancellation) =>
        {
            TorchRuntime.Configure(parse.GetValue(threads));
            string runDir;
            FineTuneRunConfig config;
            if (parse.GetValue(resume) is { } resumeDir)
            {
                runDir = Path.GetFullPath(resumeDir);
                config = FineTuneRunConfig.Load(runDir);
                if (config.Mode != mode)
                {
                    throw new UserInputException($"{runDir} is a {(config.Mode == DownstreamMode.FineTune ? "finetune" : "linprobe")} run; resume it with that command");
                }
                if (options.Where(o => o != resume && o != threads && o != frameCache).Any(o => parse.GetResult(o) is { Implicit: false }))
                {
                    throw new UserInputException("--resume continues a run with its saved config: give only --threads and --cache-mb with it");
                }
            }
            else
            {
                var dataSpec = parse.GetValue(data) ?? throw new UserInputException("give the dataset with --data SPEC (" + DatasetSpec.Forms + ")");
                var initial = parse.GetValue(checkpoint) ?? throw new UserInputException("give the initial weights with --checkpoint FILE|RUN_DIR|none");
                runDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(parse.GetValue(output) ?? throw new UserInputException("give the run folder with --out RUN_DIR")));
                var spec = DatasetSpec.Parse(dataSpec);
                var onBad = parse.GetValue(onBadVideo)!;
                BadVideoOption.Parse(onBad);
                var presetName = parse.GetValue(preset)!;
                var recipe = FineTunePresets.Parse(presetName);
                if (probe)
                {
                    recipe = FineTunePresets.LinearProbe(recipe);
                }
                recipe = recipeOptions.Apply(parse, recipe);
                recipe.Validate();
                config = FineTuneRunConfig.Create(recipe, dataSpec, InitialWeights.Resolve(initial), mode, presetName) with
                {
                    OnBadVideo = onBad,
                    CacheFeatures = probe && parse.GetValue(cache),
                };
                runDir = OutputFolder.Prepare(runDir, probe ? OutputKind.LinearProbeRun : OutputKind.FineTuneRun, parse.GetValue(force),
                    [DatasetFolders.Of(spec), parse.GetValue(splits)], [initial == FineTuneRunConfig.NoCheckpoint ? null : initial],
                    sameKindHint: $"continue it with --resume {runDir}");
            }
            var fresh = parse.GetValue(resume) is null;
            if (!fresh && Finished(runDir, config.Recipe.Epochs) is { } done)
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"nothing to do: {runDir} has run {done} of {config.Recipe.Epochs} epochs; give --epochs N (more than {done}) to a new run (--out) to train longer");
                return Task.FromResult(ExitCodes.Ok);
            }
            var downstream = DownstreamData.Open(DatasetSpec.Parse(config.Data), config.Recipe.DataOptions(
                BadVideoOption.Parse(config.OnBadVideo), splits: null, splitsDirectory: parse.GetValue(splits),
                frameCacheBytes: Math.Max(0, parse.GetValue(frameCache)) * (1L << 20)));
            return Task.FromResult(FreshRun.Guard(runDir, fresh, () => Run(runDir, config, downstream, cancellation)));
        });
        return command;
    }

    // The epochs done when the run is finished (every epoch checkpointed, the final weights and the test results
    // written), else null: a resume then continues or, when only the test is missing, reruns it.
    private static long? Finished(string runDir, int epochs) =>
        new CheckpointStore(runDir).LatestEpoch() is { } done && done >= epochs
        && File.Exists(Path.Combine(runDir, FineTuner.FinalCheckpoint)) && File.Exists(Path.Combine(runDir, EvaluationReport.ResultsFile))
            ? done
            : null;

    private static int Run(string runDir, FineTuneRunConfig config, DownstreamData data, CancellationToken cancellation)
    {
        var recipe = config.Recipe;
        var probe = config.Mode == DownstreamMode.LinearProbe;
        var what = probe ? (config.CacheFeatures ? "linear probe (cached features)" : "linear probe") : "fine-tuning";
        var init = config.Checkpoint == FineTuneRunConfig.NoCheckpoint ? "a random init (scratch)" : config.Checkpoint;
        var shape = $"{data.Splits.Train.Count} training / {data.Splits.Test.Count} test videos, {recipe.Frames}×{recipe.InputSize}², stride {data.Stride}, {recipe.Epochs} epochs of batch {recipe.BatchSize}";
        AnsiConsole.MarkupLineInterpolated($"{what} of [bold]{init}[/] on [bold]{data.Splits.Name}[/]: {shape} → {runDir}");
        if (SkippedVideoList.Summary(data.SkippedIn(SplitNames.All), null) is { } skipped)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{skipped}[/]");
        }
        DownstreamResult? result = null;
        try
        {
            ProgressBars.Start(ProgressBars.Timed(), ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: 1);
                var phase = "";
                var progress = new SynchronousProgress<DownstreamProgress>(p =>
                {
                    if (p.Phase != phase && p.Phase != "validate")
                    {
                        if (phase != "")
                        {
                            task.Value = task.MaxValue;
                            task = ctx.AddTask(p.Phase, maxValue: Math.Max(1, p.Total));
                        }
                        else
                        {
                            task.MaxValue = Math.Max(1, p.Total);
                        }
                        phase = p.Phase;
                    }
                    var validation = p.ValidationTop1 is { } v ? string.Create(CultureInfo.InvariantCulture, $"  val top-1 {v:F1}%") : "";
                    if (p.Phase == "train")
                    {
                        task.Value = p.Done;
                        task.Description = string.Create(CultureInfo.InvariantCulture,
                            $"epoch {p.Epoch}/{recipe.Epochs}  step {p.Done}/{p.Total}  loss {p.Loss:F4}  lr {p.LearningRate:E2}  {p.ClipsPerSecond:F1} clips/s{validation}");
                    }
                    else if (p.Phase == "validate")
                    {
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}: validating {p.Done}/{p.Total} videos{validation}");
                    }
                    else
                    {
                        task.Value = p.Done;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Done}/{p.Total} videos");
                    }
                });
                void InitLoaded(LoadReport report) => AnsiConsole.MarkupLineInterpolated(
                    $"loaded {config.Checkpoint}: missing {report.Missing.Count} ({Summary(report.Missing)}), ignored {report.Unexpected.Count} ({Summary(report.Unexpected)})");
                result = probe
                    ? LinearProber.Run(runDir, config, data, progress, InitLoaded, cancellation)
                    : FineTuner.Run(runDir, config, data, progress, InitLoaded, cancellation);
                task.Value = task.MaxValue;
            });
        }
        catch (NonFiniteLossException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]stopped:[/] {e.Message}");
            return ExitCodes.Failure;
        }
        var r = result!;
        BadVideoOption.Report(runDir, data.SkippedIn(SplitNames.All));
        var features = r.FeatureSeconds is { } f ? string.Create(CultureInfo.InvariantCulture, $" (+{f:F0} s caching features)") : "";
        var validationText = r.ValidationTop1 is { } top1 ? string.Create(CultureInfo.InvariantCulture, $", last validation top-1 {top1:F1}%") : "";
        // a fine-tuning step trains the whole classifier; the linear probe's frozen encoder is not comparable
        var gflops = probe ? "" : string.Create(CultureInfo.InvariantCulture,
            $", {r.ClipsPerSecond * Model.ModelFlops.ClassifierStep(r.Config.Recipe.ClassifierConfig(data.ClassNames.Count), 1) / 1e9:F1} GFLOP/s");
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"trained {r.TrainSeconds:F0} s{features} ({r.ClipsPerSecond:F1} clips/s{gflops}), last loss {r.LastLoss:F4}{validationText}"));
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"test: top-1 [bold]{r.Test.Top1:F2}%[/], top-5 {r.Test.Top5:F2}% on {r.Test.Predictions.Count} videos ({r.Test.Views} views) in {r.TestSeconds:F0} s"));
        AnsiConsole.MarkupLineInterpolated($"results: {Path.Combine(runDir, EvaluationReport.ResultsFile)}; weights: {Path.Combine(runDir, FineTuner.FinalCheckpoint)}");
        return ExitCodes.Ok;
    }

    private static string Summary(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return "none";
        }
        // group by the first name part: fc_norm.*, head.*, decoder.*, …
        return string.Join(", ", keys.GroupBy(k => k.Split('.')[0]).Select(g => g.Count() == 1 ? g.First() : $"{g.Key}.* ×{g.Count()}"));
    }
}

using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynVid.Datasets.Specs;
using SynVid.Runtime;
using SynVid.Serialization;
using SynVid.Training;

namespace SynVid.Cli.Commands;

/// <summary>`synvid pretrain`: VideoMAE pre-training on a generator stage, resumable, with metrics and figures.</summary>
public static class PretrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var stage = new StageOptions { OwnedElsewhere = a => RecipeOptions<PretrainRecipe>.IsRecipeField(a, PretrainPresets.CpuTiny) };
        stage.Seed.Description = "Seed of the data, the masks and the model initialisation (default 0).";
        var preset = new Option<string>("--preset")
        {
            Description = "Recipe: cpu-tiny (minutes on 2 cores), cpu-small (about half an hour), paper (ViT-B, 224², effective batch 192; GPU).",
            DefaultValueFactory = _ => "cpu-tiny",
        };
        var steps = new Option<long?>("--steps")
        {
            Description = "Stop after N optimiser steps in total (a resumed run continues up to N). Default: the preset's schedule length. " +
                "The lr schedule spans the preset's length (or --schedule-steps), extended to N when N is larger.",
        };
        var recipeOptions = new RecipeOptions<PretrainRecipe>("mask_ratio=0.9", stage.Set);
        recipeOptions.Shorthand(new Option<long?>("--schedule-steps") { Description = "Length of the warm-up + cosine schedule (default: the preset's)." },
            (total, r) => total is { } t ? [RecipeOptions<PretrainRecipe>.Assign("total_steps", t), RecipeOptions<PretrainRecipe>.Assign("warmup_steps", Math.Min(r.WarmupSteps, t))] : []);
        recipeOptions.Shorthand(new Option<int?>("--checkpoint-every") { Description = "Write a checkpoint every K steps (and at the end). Default: the preset's." }, "checkpoint_every");
        var output = new Option<DirectoryInfo?>("--out") { Description = "Run folder: config.json, metrics.csv, tensorboard/, checkpoints/, loss.png, reconstruction.png." };
        var resume = new Option<DirectoryInfo?>("--resume") { Description = "Continue the run in this folder from its latest checkpoint, with its own config." };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0 = libtorch default: all cores).", DefaultValueFactory = _ => 0 };
        recipeOptions.Shorthand(new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default: the preset's; paper uses cuda)." }, "device");
        recipeOptions.Shorthand(new Option<int?>("--batch") { Description = "Clips per forward pass (default: the preset's)." }, "batch_size");
        recipeOptions.Shorthand(new Option<int?>("--accum") { Description = "Forward passes per optimiser step (gradient accumulation)." }, "accumulation");
        recipeOptions.Shorthand(new Option<double?>("--lr") { Description = "Base learning rate before scaling by effective batch / 256." }, "base_lr");
        recipeOptions.Shorthand(new Option<double?>("--clip-grad") { Description = "Clip the gradient norm to this value (default: none, as the reference)." }, "clip_grad");
        recipeOptions.Shorthand(new Option<int?>("--data-workers") { Description = "Background clip producers (default: one per core, at most 4)." }, "data_workers");
        var data = new Option<string?>("--data")
        {
            Description = "Train on video files listed in a VideoMAE-style csv ('path label' per line; paths relative to the csv), " +
                "or on the training split of a labelled dataset SPEC (" + Datasets.Specs.DatasetSpec.Forms + "; labels ignored: " +
                "e.g. the in-domain upper bound, VideoMAE pre-trained on the downstream data itself). Only the sampled frames " +
                "are decoded. A csv with --stage and --mix R: a mix of both.",
        };
        var mix = new Option<double?>("--mix") { Description = "With --stage and --data: fraction R of real videos per epoch (the paper uses 0.25, 0.5, 0.75)." };
        var onBadVideo = BadVideoOption.Create();
        var force = ForceOption.Create();

        var command = new Command(
            "pretrain",
            "Pre-train VideoMAE on synthetic videos generated on the fly. Everything (weights, data, masks) follows from the " +
            "seed and the step, so --resume continues exactly where a checkpoint left off, and a killed run loses at most the " +
            "steps since its last checkpoint. Watch a run with `tensorboard --logdir RUN_DIR`.");
        stage.AddTo(command, stageRequired: false);
        foreach (var option in new Option[] { preset, steps, output, resume, threads, data, mix, onBadVideo, force })
        {
            command.Add(option);
        }
        recipeOptions.AddTo(command);

        command.SetAction((parse, cancellation) =>
        {
            if (parse.GetValue(steps) is < 1 and var badSteps)
            {
                throw new UserInputException($"--steps must be at least 1, got {badSteps}");
            }
            TorchRuntime.Configure(parse.GetValue(threads));
            string runDir;
            PretrainRunConfig config;
            var fresh = parse.GetValue(resume) is null;
            if (parse.GetValue(resume) is { } resumeDir)
            {
                runDir = resumeDir.FullName;
                if (Directory.Exists(runDir) && OutputFolder.Identify(runDir) is { Kind: { } kind and not OutputKind.PretrainRun } found)
                {
                    throw new UserInputException($"--resume {runDir} holds {found.Description}, not a pre-training run");
                }
                config = PretrainRunConfig.Load(runDir);
                // Every registered option but these would change the saved config, so none is accepted with --resume.
                if (command.Options.Where(o => o != resume && o != steps && o != threads).Any(o => parse.GetResult(o) is { Implicit: false }))
                {
                    throw new UserInputException("--resume continues a run with its saved config: give only --steps (and --threads) with it");
                }
            }
            else
            {
                var stageName = parse.GetValue(stage.Stage);
                var videoList = parse.GetValue(data);
                if (stageName is null && videoList is null)
                {
                    throw new UserInputException("give --stage NAME, --data FILE.csv|SPEC, or a stage and a csv with --mix R (or --resume RUN_DIR)");
                }
                if (parse.GetValue(mix) is { } fraction && videoList is null)
                {
                    throw new UserInputException($"--mix {fraction} mixes real videos into the stage: give them with --data FILE.csv");
                }
                var outPath = parse.GetValue(output) ?? throw new UserInputException("give the run folder with --out RUN_DIR");
                runDir = Path.TrimEndingDirectorySeparator(outPath.FullName);
                var recipe = PretrainPresets.Parse(parse.GetValue(preset)!);
                if (parse.GetResult(stage.Seed) is { Implicit: false })
                {
                    recipe = recipe with { Seed = checked((int)parse.GetValue(stage.Seed)) };
                }
                recipe = recipeOptions.Apply(parse, recipe);
                var parameters = stageName is null ? null : stage.Resolve(parse, stageName);
                var images = parse.GetValue(stage.Images)?.FullName;
                var isCsv = videoList is not null && (File.Exists(videoList) || videoList.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
                if (videoList is not null && !isCsv && parameters is not null)
                {
                    throw new UserInputException("--stage with --data SPEC: mixing a stage with a dataset split is not supported; give a csv with --mix");
                }
                config = videoList is null
                    ? PretrainData.ForStage(recipe, parameters!, images, parse.GetValue(preset))
                    : isCsv
                        ? PretrainData.ForVideos(recipe, Path.GetFullPath(videoList), parse.GetValue(onBadVideo)!, parameters, parse.GetValue(mix), images, parse.GetValue(preset))
                        : PretrainData.ForTrainSplit(recipe, videoList, parse.GetValue(onBadVideo)!, parse.GetValue(preset));
                var dataFolder = isCsv ? Path.GetDirectoryName(Path.GetFullPath(videoList!)) : DatasetFolders.OfText(videoList);
                runDir = OutputFolder.Prepare(runDir, OutputKind.PretrainRun, parse.GetValue(force), [dataFolder, images],
                    sameKindHint: $"continue it with --resume {runDir}");
            }

            var until = parse.GetValue(steps) ?? config.Recipe.TotalSteps;
            if (until > config.Recipe.TotalSteps)
            {
                config = config with { Recipe = config.Recipe with { TotalSteps = until } };
                if (parse.GetValue(resume) is not null)
                {
                    AnsiConsole.MarkupLineInterpolated($"[yellow]note:[/] the lr schedule is extended to {until} steps");
                }
            }
            config.Recipe.Validate();
            if (!fresh && new CheckpointStore(runDir).LatestStep() is { } done && done >= until)
            {
                AnsiConsole.MarkupLineInterpolated($"nothing to do: {runDir} has run {done} of {until} steps; give --steps N (more than {done}) to continue it");
                return Task.FromResult(ExitCodes.Ok);
            }
            var source = PretrainData.Open(config);
            try
            {
                return Task.FromResult(FreshRun.Guard(runDir, fresh, () => Run(runDir, config, source, until, cancellation)));
            }
            finally
            {
                (source as IDisposable)?.Dispose();
            }
        });
        return command;
    }

    private static int Run(string runDir, PretrainRunConfig config, Datasets.IPretrainClipSource source, long until, CancellationToken cancellation)
    {
        var recipe = config.Recipe;
        var model = recipe.ModelConfig();
        AnsiConsole.MarkupLineInterpolated(
            $"pre-training [bold]{recipe.Model}[/] ({model.Encoder.Depth} blocks, {recipe.Frames}×{recipe.InputSize}², batch {recipe.TotalBatch}) on [bold]{source.Name}[/] → {runDir}");
        PretrainResult? result = null;
        try
        {
            ProgressBars.Start(ProgressBars.Timed(), "starting", until, task =>
            {
                var progress = new SynchronousProgress<PretrainProgress>(p =>
                {
                    task.Value = p.Step;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"step {p.Step}/{p.TotalSteps}  loss {p.Loss:F4}  lr {p.LearningRate:E2}  {p.ClipsPerSecond:F1} clips/s  data wait {p.DataWaitShare:P0}");
                });
                result = Pretrainer.Run(runDir, config, source, until, progress, cancellation);
                task.Value = until;
            });
        }
        catch (NonFiniteLossException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]stopped:[/] {e.Message}");
            return ExitCodes.Failure;
        }
        var r = result!;
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"steps {r.StartStep}→{r.EndStep}: loss {r.FirstLoss:F4} → {r.LastLoss:F4}, {r.ClipsPerSecond:F1} clips/s ({r.GflopsPerSecond:F1} GFLOP/s), data wait {r.DataWaitShare:P1}"));
        if (source is Datasets.ISkippedVideos skipping)
        {
            BadVideoOption.Report(runDir, skipping.SkippedVideos);
        }
        AnsiConsole.MarkupLineInterpolated($"metrics: {Path.Combine(runDir, "metrics.csv")}; figures: loss.png, reconstruction.png; checkpoints: {Path.Combine(runDir, "checkpoints")}");
        return ExitCodes.Ok;
    }
}

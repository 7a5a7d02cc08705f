using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Evaluation.Perturbations;
using SynVid.Evaluation.Robustness;
using SynVid.Model.Checkpoints;
using SynVid.Runtime;
using SynVid.Serialization;
using TorchSharp;

namespace SynVid.Cli.Commands;

/// <summary>`synvid robustness`: UCF101-P-style robustness of fine-tuned checkpoints (docs/reference-behaviour.md §6).</summary>
public static class RobustnessCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var checkpoints = new Option<string[]>("--checkpoint")
        {
            Description = "Fine-tuned classifier: a checkpoint file or a fine-tuning run folder (its latest checkpoint); repeat the flag to compare several (results name each by its run folder or file name).",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var data = new Option<string>("--data") { Description = $"Test dataset: {DatasetSpec.Forms}.", Required = true };
        var perturbations = new Option<string>("--perturbations")
        {
            Description = $"all (default: the {PerturbationCatalog.All.Count} types of the catalogue), figure3 (the paper's 14) or a " +
                "comma-separated list of keys or Figure 3 labels: " + string.Join(", ", PerturbationCatalog.All.Select(p => p.Key)) + ".",
            DefaultValueFactory = _ => "all",
        };
        var severities = new Option<string>("--severities")
        {
            Description = "Severities, e.g. 1..5 (default), 3 or 1,3,5. A type is evaluated at the listed levels it has; " +
                "static_rotate's sixth level (180°) only when 6 is listed.",
            DefaultValueFactory = _ => "1..5",
        };
        var headline = new Option<int?>("--headline-severity")
        {
            Description = $"Severity of the headline bar chart and win count (default {RobustnessPlan.DefaultHeadlineSeverity}, " +
                "docs/reference-behaviour.md §9; the nearest evaluated level when 3 is not evaluated).",
        };
        var views = new Option<string?>("--views")
        {
            Description = "Test views CLIPSxCROPS (default: the dataset's, 5x3 for UCF101, 10x3 for HMDB51, §5.3).",
        };
        var output = new Option<string>("--out") { Description = "Output folder; a rerun reuses its finished cells.", Required = true };
        var seed = new Option<long>("--seed")
        {
            Description = "Seed of the perturbations' draws; view v of video i is seeded by (seed, i, type, severity) and forked by v.",
            DefaultValueFactory = _ => 0,
        };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0 = libtorch default: all cores).", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Views per forward pass.", DefaultValueFactory = _ => 16 };
        var cacheMb = new Option<int>("--cache-mb")
        {
            Description = "Memory for decoded test videos kept across cells, in MiB, so each video is decoded once for the whole grid " +
                "(videos past the budget are decoded for every cell; 0 = none).",
            DefaultValueFactory = _ => 2048,
        };
        var onBadVideo = BadVideoOption.Create();
        var force = ForceOption.Create();
        var stride = new Option<int?>("--stride") { Description = "Frame stride for every checkpoint (default: each checkpoint's, else the dataset's: 4 UCF101, 2 HMDB51)." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var legacyInvert = new Option<bool>("--legacy-invert")
        {
            Description = "For comparison only: reproduce the reference's colour-inversion bug (each value v becomes v·255 mod 256 " +
                "before the PIL-based spatial operations, a photographic negative; docs/reference-behaviour.md §6.4.1).",
        };
        var command = new Command("robustness",
            "Evaluate fine-tuned classifiers on the clean test set and under UCF101-P perturbations (Schiappa et al. 2023; " +
            "docs/reference-behaviour.md §6) with the multi-view test protocol, for every checkpoint × type × severity. Placement: spatial " +
            "types (noise, blur, jpeg, rotate, static rotate, translate) act on each cropped uint8 view after the short-side " +
            "resize and crop, before normalisation; temporal types (sampling, reverse sampling, jumble, box jumble, freeze) act " +
            "on the whole strided buffer before views are cut. Frames are never colour-inverted (the reference's bug; see " +
            "--legacy-invert). A temporally perturbed buffer shorter than the clip (sampling shortens it by 2^s) is padded by " +
            "repeating its last frame, the loader's short-video rule, so short videos never fail. Each view draws its own " +
            "randomness. Writes OUT/results.json, OUT/results.csv (top-1/top-5 per cell, means per type, absolute robustness " +
            "1 − (A_clean − A_p)/100 and relative robustness 1 − (A_clean − A_p)/A_clean, higher is more robust, and win " +
            "counts between checkpoints), OUT/figure3_sN.png, OUT/figure3_mean.png and OUT/curves/TYPE.png. Each finished " +
            "cell is saved to OUT/cells/ at once, so an interrupted run resumes where it stopped.")
        {
            checkpoints, data, perturbations, severities, headline, views, output, seed, threads, batch, stride, device, onBadVideo, legacyInvert, cacheMb, force,
        };
        command.SetAction((parse, cancel) =>
        {
            var dataText = parse.GetValue(data)!;
            var spec = DatasetSpec.Parse(dataText);
            var given = parse.GetValue(checkpoints)!;
            var plan = new RobustnessPlan(
                RobustnessPlan.NameCheckpoints([.. given.Select(ClassifierLoader.ResolveFile)], [.. given.Select(CheckpointLabel)]),
                RobustnessPlan.ParsePerturbations(parse.GetValue(perturbations)!),
                RobustnessPlan.ParseSeverities(parse.GetValue(severities)!),
                parse.GetValue(headline));
            var batchSize = parse.GetValue(batch);
            if (batchSize < 1)
            {
                throw new UserInputException($"--batch must be at least 1, got {batchSize}");
            }
            if (parse.GetValue(cacheMb) < 0)
            {
                throw new UserInputException($"--cache-mb must be at least 0, got {parse.GetValue(cacheMb)}");
            }
            var cache = new TestBufferCache(parse.GetValue(cacheMb) * (1L << 20));
            var viewCount = parse.GetValue(views) is { } v ? ViewCount.Parse(v) : new ViewCount(spec.DefaultTestClips, spec.DefaultTestCrops);
            var strideOverride = parse.GetValue(stride);
            var seedValue = parse.GetValue(seed);
            var invert = parse.GetValue(legacyInvert);
            var settings = new RobustnessSettings(dataText, viewCount.ToString(), seedValue, invert, strideOverride);
            var policy = BadVideoOption.Parse(parse.GetValue(onBadVideo)!);
            var outDir = OutputFolder.Prepare(parse.GetValue(output)!, OutputKind.Robustness, parse.GetValue(force),
                [DatasetFolders.Of(spec)], [.. given, .. plan.Checkpoints.Select(c => c.Path)], continues: true);
            var store = new RobustnessCellStore(outDir, settings);
            TorchRuntime.Configure(parse.GetValue(threads));
            var torchDevice = TorchRuntime.ResolveDevice(parse.GetValue(device)!);

            // One validated copy of the dataset per (clip length, stride); the test list is the same for all.
            var opened = new Dictionary<(int, int?), DownstreamData>();
            DownstreamData Data(int clipLength, int? clipStride)
            {
                if (!opened.TryGetValue((clipLength, clipStride), out var d))
                {
                    d = DownstreamData.Open(spec, new DownstreamDataOptions(ClipLength: clipLength, Stride: clipStride, OnBadVideo: policy,
                        Splits: SplitNames.Of(SplitNames.Test)));
                    opened[(clipLength, clipStride)] = d;
                }
                return d;
            }
            var first = Data(16, strideOverride);
            var videosPerCell = first.Splits.Test.Count;
            AnsiConsole.MarkupLineInterpolated(
                $"robustness on [bold]{first.Splits.Name}[/]: {videosPerCell} test videos × {viewCount.Total} views ({viewCount}), {plan.Checkpoints.Count} checkpoint(s) × {plan.Cells.Count / plan.Checkpoints.Count} cells (clean + {plan.Perturbations.Count} types)");

            ICellEvaluator Open(NamedCheckpoint checkpoint)
            {
                var (model, input) = ClassifierLoader.Load(checkpoint.Path);
                try
                {
                    var d = Data(input.NumFrames, strideOverride ?? input.Stride);
                    if (model.Config.NumClasses != d.ClassNames.Count)
                    {
                        throw new UserInputException(
                            $"{checkpoint.Path}: the classifier predicts {model.Config.NumClasses} classes but {d.Splits.Name} has {d.ClassNames.Count}");
                    }
                    model.to(torchDevice);
                    return new ClassifierCellEvaluator(model, torchDevice, d, input.InputSize, viewCount, batchSize, seedValue, invert, cache);
                }
                catch
                {
                    model.Dispose();
                    throw;
                }
            }

            RobustnessRunOutcome? outcome = null;
            ProgressBars.Start(ProgressBars.Timed(), "robustness grid", 1, task =>
            {
                outcome = RobustnessRunner.Run(plan, store, Open, videosPerCell, new SynchronousProgress<RobustnessProgress>(p =>
                {
                    task.MaxValue = Math.Max(p.VideosTotal, 1);
                    task.Value = p.VideosDone;
                    task.Description = Markup.Escape(p.Cell.ToString());
                }), cancel);
                task.MaxValue = Math.Max(task.MaxValue, 1);
                task.Value = task.MaxValue;
                task.Description = "robustness grid";
            });
            BadVideoOption.Report(outDir, [.. opened.Values.SelectMany(d => d.SkippedIn(SplitNames.Of(SplitNames.Test))).DistinctBy(v => v.Path)]);
            var summary = RobustnessSummary.Build(plan, settings, outcome!.Results);
            RobustnessReport.Write(outDir, summary);
            var charts = RobustnessCharts.WriteAll(outDir, summary);
            Render(summary);
            AnsiConsole.MarkupLineInterpolated(
                $"computed {outcome.Computed} cell(s), reused {outcome.Reused} finished cell(s); wrote {Path.Combine(outDir, "results.json")}, results.csv and {charts.Count} chart(s)");
            if (cache.Count > 0)
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"decoded test videos kept in memory: {cache.Count} ({cache.Bytes / (1024.0 * 1024.0):F0} MiB of --cache-mb {parse.GetValue(cacheMb)})");
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    // A run folder is named after the folder (its checkpoint files are all "checkpoint"), a file after its stem.
    private static string CheckpointLabel(string argument) =>
        Directory.Exists(argument)
            ? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(argument)))
            : Path.GetFileNameWithoutExtension(argument);

    /// <summary>A table of top-1 per type (headline severity and mean) and the win counts.</summary>
    private static void Render(RobustnessSummary summary)
    {
        var table = new Table().AddColumn("type");
        foreach (var c in summary.Checkpoints)
        {
            table.AddColumn(new TableColumn(Markup.Escape($"{c.Name} s{summary.HeadlineSeverity} / mean")).RightAligned());
        }
        table.AddRow([RobustnessCell.CleanKey, .. summary.Checkpoints.Select(c => Percent(c.CleanTop1))]);
        for (var t = 0; t < summary.Checkpoints[0].Types.Count; t++)
        {
            table.AddRow([Markup.Escape(summary.Checkpoints[0].Types[t].Type), .. summary.Checkpoints.Select(c =>
                $"{(c.Types[t].Top1At(summary.HeadlineSeverity) is { } h ? Percent(h) : "-")} / {Percent(c.Types[t].MeanTop1)}")]);
        }
        table.AddRow([
            "mean γᵃ / γʳ",
            .. summary.Checkpoints.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.MeanAbsoluteRobustness:F3} / {c.MeanRelativeRobustness:F3}")),
        ]);
        AnsiConsole.Write(table);
        foreach (var w in summary.Wins)
        {
            AnsiConsole.MarkupLineInterpolated($"{w.A} beats {w.B} on {w.Wins}/{w.Compared} types ({w.Basis}; {w.Ties} tie(s))");
        }
    }

    private static string Percent(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}

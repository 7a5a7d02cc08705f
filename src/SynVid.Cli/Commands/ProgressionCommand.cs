using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynVid.Analysis.Progression;
using SynVid.Datasets.Specs;
using SynVid.Runtime;
using SynVid.Serialization;
using SynVid.Synthesis;

namespace SynVid.Cli.Commands;

/// <summary>`synvid progression`: the paper's Figure 2 / Table 1 experiment at any scale (docs/progression.md).</summary>
public static class ProgressionCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var preset = new Option<string>("--preset")
        {
            Description = "cpu-demo (every arm in about 20 minutes on 2 cores: shows the pipeline, not the effect), cpu-small (about 80 min on 2 cores; the cpu-tiny model, longer: " +
                "the CPU setting meant to show the trend), cpu-proof (calibrated to show pre-training help on a CPU, with its own downstream task and a scaling study; " +
                "hours on 2 cores, resumable), cpu-proof-demo (cpu-proof's main job: fine-tunes the shipped encoders, --encoders models/cpu-proof; " +
                "about 15 minutes on 2 cores), paper (ViT-B recipes of docs/reference-behaviour.md §5; GPU).",
            Required = true,
        };
        var downstream = new Option<string>("--downstream")
        {
            Description = "Downstream dataset: " + Datasets.Specs.DatasetSpec.Forms + ". synaction is a built-in proxy, not UCF101. " +
                "Default: the preset's (cpu-proof and cpu-proof-demo have one; the others need it).",
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Output folder: results.csv, report.md, report.html, the figures, and one folder per arm with its steps.",
            Required = true,
        };
        var stages = new Option<string?>("--stages")
        {
            Description = "Comma-separated stages to run (scratch always runs): " + string.Join(",", Stages.Names) + ", and in-domain " +
                "(pre-training on the downstream training split, the upper bound of the gap). Default: every stage (image crops only " +
                "with --images) and in-domain.",
        };
        var resume = new Option<bool>("--resume") { Description = "Continue the progression in --out: finished steps are skipped, an interrupted one continues." };
        var images = new Option<DirectoryInfo?>("--images") { Description = "Image folder (JPEG/PNG) for the accelerating-image-crops stage." };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0 = libtorch default: all cores).", DefaultValueFactory = _ => 0 };
        var features = new Option<string?>("--features")
        {
            Description = "Feature extractor of the dataset metrics (default: the preset's, random:0): " + Analysis.Features.FeatureExtractors.Forms +
                ". random:SEED is consistent between arms but not comparable with the paper's FID values.",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of every step's data, initialisation and sampling.", DefaultValueFactory = _ => 0 };
        var set = new Option<string[]>("--set")
        {
            Description = "Set one field, FIELD=VALUE (repeatable): a progression preset field (e.g. pretrain_steps=2000, fine_tune_epochs=20), " +
                "or a recipe field with the prefix pretrain. or finetune. (e.g. --set pretrain.mask_ratio=0.9 --set finetune.mixup=0). " +
                "Names as in config.json; an unknown one lists the known ones.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var encoders = new Option<DirectoryInfo?>("--encoders")
        {
            Description = "Folder of pre-trained arm encoders (synvid progression-encoders; the repository ships cpu-proof's in models/cpu-proof): " +
                "the arms it covers start from them instead of pre-training, after their recorded configuration is checked against this " +
                "progression's pre-training step and their SHA-256 against the file.",
        };
        var onBadVideo = BadVideoOption.Create();
        var force = ForceOption.Create();
        var command = new Command(
            "progression",
            "For scratch, each chosen stage and the in-domain upper bound: pre-train, fine-tune and linear-probe on --downstream, " +
            "and measure the pre-training data (FID, KID, diversity, spectrum slope, colour distance). Every step is cached in " +
            "OUT/ARM/STEP, so --resume continues after an interruption. Each arm fine-tunes once per seed (--set fine_tune_seeds=N) " +
            "and probes its frozen encoder three ways: linear, k-NN and attentive. Writes OUT/results.csv (stage,pretrain_loss," +
            "finetune_top1,linprobe_top1,fid,kid,diversity_logdet,spectrum_alpha,lab_skl, then s.d. over the fine-tuning seeds, " +
            "95% bootstrap intervals over test videos and the k-NN and attentive top-1), report.md and report.html (our " +
            "numbers beside the paper's, the gap closed, Spearman ρ of stage order and accuracy with permutation p-values, bar " +
            "and scatter plots, a preview strip and a reconstruction per stage).")
        {
            preset, downstream, output, stages, resume, images, features, threads, seed, set, encoders, onBadVideo, force,
        };
        command.SetAction((parse, cancellation) =>
        {
            TorchRuntime.Configure(parse.GetValue(threads));
            var chosen = ProgressionPresets.Parse(parse.GetValue(preset)!);
            if (parse.GetValue(features) is { } extractor)
            {
                chosen = chosen with { Features = extractor };
            }
            chosen = ProgressionOverrides.Apply(chosen, parse.GetValue(set) ?? []);
            var downstreamSpec = parse.GetValue(downstream) ?? chosen.Downstream
                ?? throw new UserInputException($"--downstream is required: preset '{chosen.Name}' names no downstream dataset");
            var plan = ProgressionPlan.Create(
                chosen, downstreamSpec, parse.GetValue(stages),
                parse.GetValue(images)?.FullName, parse.GetValue(seed), BadVideoOption.Parse(parse.GetValue(onBadVideo)!));
            if (parse.GetValue(encoders) is { } encoderFolder)
            {
                plan = plan.WithEncoders(ArmEncoders.Load(encoderFolder.FullName));
            }
            var outDir = OutputFolder.Prepare(parse.GetValue(output)!.FullName, OutputKind.Progression, parse.GetValue(force),
                [DatasetFolders.OfText(downstreamSpec), parse.GetValue(images)?.FullName], [plan.Encoders?.Directory],
                continues: parse.GetValue(resume), sameKindHint: "continue it with --resume");
            // a bad listed video stops the progression here, before its folder is written
            var skipped = ProgressionRunner.CheckDownstream(plan);
            AnsiConsole.MarkupLineInterpolated($"progression [bold]{plan.Preset.Name}[/] on [bold]{plan.Downstream}[/]: {string.Join(", ", plan.Arms.Select(a => a.Name))} → {outDir}");
            AnsiConsole.MarkupLineInterpolated($"[grey]{ProgressionRunner.Scale(plan)}[/]");
            if (SkippedVideoList.Summary(skipped, null) is { } line)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]downstream: {line}; each step lists the videos it left out in its {SkippedVideoList.FileName}[/]");
            }
            ProgressionOutcome? outcome = null;
            ProgressBars.Start(ProgressBars.Timed(), ctx =>
            {
                var overall = ctx.AddTask("steps", maxValue: 1);
                var current = ctx.AddTask("starting", maxValue: 1);
                var progress = new SynchronousProgress<ProgressionProgress>(p =>
                {
                    overall.MaxValue = p.StepCount;
                    overall.Value = p.StepIndex + (p.Detail is "done" or "cached" ? 1 : 0);
                    overall.Description = $"step {Math.Min(p.StepIndex + 1, p.StepCount)}/{p.StepCount}";
                    current.MaxValue = Math.Max(1, p.Total);
                    current.Value = Math.Min(p.Done, current.MaxValue);
                    current.Description = Markup.Escape($"{p.Arm} {p.Step}: {p.Detail}" + (p.Total > 0 ? $" {p.Done}/{p.Total}" : ""));
                });
                outcome = ProgressionRunner.Run(plan, outDir, parse.GetValue(resume), progress, cancellation);
                overall.Value = overall.MaxValue;
                current.Value = current.MaxValue;
            });
            var o = outcome!;
            static string F(double? v, string format) => v is { } x && double.IsFinite(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "–";
            // two narrow tables rather than one wide one, so an 80-column terminal or log shows every row unwrapped
            static Table Tabulate(string[] columns, IEnumerable<string[]> rows)
            {
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var column in columns)
                {
                    table.AddColumn(new TableColumn(column).NoWrap());
                }
                foreach (var row in rows)
                {
                    table.AddRow(row);
                }
                return table;
            }
            static string Ci(double? low, double? high) => low is null || high is null ? "–" : $"[[{F(low, "F1")}, {F(high, "F1")}]]";
            AnsiConsole.Write(Tabulate(["arm", "pt loss", "FT top-1", "FT 95% CI"],
                o.Rows.Select(r => new[]
                {
                    r.Stage, F(r.PretrainLoss, "F3"), F(r.FineTuneTop1, "F1") + (r.FineTuneTop1Sd is { } sd ? " ± " + F(sd, "F1") : ""),
                    Ci(r.FineTuneTop1CiLow, r.FineTuneTop1CiHigh),
                })));
            AnsiConsole.Write(Tabulate(["arm", "LP top-1", "k-NN top-1", "attentive top-1"],
                o.Rows.Select(r => new[] { r.Stage, F(r.LinProbeTop1, "F1"), F(r.KnnTop1, "F1"), F(r.AttentiveTop1, "F1") })));
            AnsiConsole.Write(Tabulate(["arm", "FID", "KID", "logdet", "α", "Lab SKL"],
                o.Rows.Select(r => new[] { r.Stage, F(r.Fid, "F2"), F(r.Kid, "F4"), F(r.DiversityLogDet, "F0"), F(r.SpectrumAlpha, "F2"), F(r.LabSkl, "F2") })));
            if (ProgressionReport.StageOrderSpearmanTest(o.Rows, r => r.FineTuneTop1) is { } test)
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"Spearman ρ of stage order and fine-tuning top-1: {test.Rho.ToString("F3", CultureInfo.InvariantCulture)}; {ProgressionReport.PermutationText(test)}");
            }
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"{o.StepsRun} steps run, {o.StepsCached} cached; wall time of all steps {o.WallSeconds / 60:F1} min"));
            if (o.SkippedLists.Count > 0)
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"[yellow]bad videos were left out by {o.SkippedLists.Count} step(s), each listing them in its {SkippedVideoList.FileName} (e.g. {Path.Combine(outDir, o.SkippedLists[0])})[/]");
            }
            AnsiConsole.MarkupLineInterpolated($"wrote {Path.Combine(outDir, ProgressionRunner.ResultsFile)}, {o.ReportPath} and report.html");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}

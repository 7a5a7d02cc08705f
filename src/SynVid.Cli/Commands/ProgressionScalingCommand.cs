using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynVid.Analysis.Metrics;
using SynVid.Analysis.Progression;

namespace SynVid.Cli.Commands;

/// <summary>`synvid progression-scaling`: fine-tuning gaps against the pre-training budget over several progression folders (docs/progression.md).</summary>
public static class ProgressionScalingCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var runs = new Option<string[]>("--runs")
        {
            Description = "Progression folders (synvid progression --out) that differ in the pre-training budget, e.g. run with --set pretrain_steps=N; " +
                "separated by spaces or commas. At least 2.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: scaling.csv, scaling.md, scaling.png.", Required = true };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples for the 95% intervals.", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed.", DefaultValueFactory = _ => 0 };
        var command = new Command(
            "progression-scaling",
            "The scaling curve of several progressions: for each folder, the in-domain − scratch and moving-circles − " +
            "static-circles fine-tuning top-1 gaps (mean over each arm's fine-tuning runs) with paired percentile-bootstrap 95% " +
            "intervals over the test videos, against the clips each arm pre-trained on (log axis). Writes scaling.csv " +
            "(run,preset,seed,pretrain_steps,pretrain_clips,gap,gap_top1,gap_ci_lo,gap_ci_hi,test_videos), scaling.md and scaling.png.")
        {
            runs, output, resamples, seed,
        };
        command.SetAction(parse =>
        {
            var folders = (parse.GetValue(runs) ?? [])
                .SelectMany(r => r.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .ToArray();
            var n = parse.GetValue(resamples);
            if (n < 1)
            {
                throw new UserInputException($"--resamples {n} must be at least 1");
            }
            var bootstrap = new BootstrapOptions(Resamples: n, Seed: parse.GetValue(seed));
            var points = ProgressionScaling.Load(folders, bootstrap: bootstrap);
            var outDir = parse.GetValue(output)!.FullName;
            ProgressionScaling.Write(outDir, points, bootstrap: bootstrap);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("run").AddColumn("pt clips");
            foreach (var gap in ScalingGap.Default)
            {
                table.AddColumn(Markup.Escape(gap.Label + " [95% CI]"));
            }
            foreach (var p in points)
            {
                table.AddRow([
                    Markup.Escape(p.Run), ProgressionCharts.ClipCount(p.PretrainClips),
                    .. ScalingGap.Default.Select(g => p.Gaps.TryGetValue(g.Key, out var v)
                        ? string.Create(CultureInfo.InvariantCulture, $"{v.Value:F1} [[{v.Low:F1}, {v.High:F1}]]")
                        : "–"),
                ]);
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"wrote {ProgressionScaling.CsvFile}, {ProgressionScaling.MarkdownFile} and {ProgressionScaling.PlotFile} to {outDir}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

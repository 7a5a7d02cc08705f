using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynVid.Analysis;
using SynVid.Analysis.Metrics;
using SynVid.Serialization;

namespace SynVid.Cli.Commands;

/// <summary>`synvid correlate`: downstream accuracy against dataset properties over several runs (Figure 4).</summary>
public static class CorrelateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var runs = new Option<DirectoryInfo[]>("--runs")
        {
            Description = "Run folders, each with metrics.json (synvid analyze; or metrics/metrics.json) and results.json (synvid evaluate, key top1; or eval/results.json).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: correlations.json, correlations.csv, scatter_PROPERTY.png.", Required = true };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples for the 95% intervals.", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed.", DefaultValueFactory = _ => 0 };
        var force = ForceOption.Create();
        var command = new Command(
            "correlate",
            "Correlate downstream top-1 with each dataset property (fid, kid, fvd, diversity_logdet, spectrum_alpha, lab_skl, " +
            "diversity_logdet_per_dim) over runs: Pearson r and Spearman ρ with percentile-bootstrap 95% intervals, and a " +
            "scatter plot per property as the paper's Figure 4. Properties present in fewer than 3 runs are skipped.")
        {
            runs, output, resamples, seed, force,
        };
        command.SetAction(parse =>
        {
            var folders = parse.GetValue(runs)!;
            if (folders.Length < 3)
            {
                throw new UserInputException($"--runs needs at least 3 run folders, got {folders.Length}");
            }
            var n = parse.GetValue(resamples);
            if (n < 1)
            {
                throw new UserInputException($"--resamples {n} must be at least 1");
            }
            var outDir = OutputFolder.Prepare(parse.GetValue(output)!.FullName, OutputKind.Correlation, parse.GetValue(force), [], folders.Select(f => f.FullName));
            var bootstrap = new BootstrapOptions(Resamples: n, Seed: parse.GetValue(seed));
            var loaded = folders.Select(f => CorrelationStudy.Load(f.FullName)).ToList();
            var correlations = CorrelationStudy.Correlate(loaded, bootstrap);
            CorrelationStudy.Write(outDir, loaded, correlations, bootstrap);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("property").AddColumn("n").AddColumn("Pearson r [[95% CI]]").AddColumn("Spearman ρ [[95% CI]]");
            foreach (var c in correlations)
            {
                table.AddRow(Markup.Escape(c.Property), c.Pearson.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(Format(c.Pearson)), Markup.Escape(Format(c.Spearman)));
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"wrote correlations.json, correlations.csv and {correlations.Count} scatter plot(s) to {outDir}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Format(CorrelationEstimate e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.R:F3} [{e.Low:F3}, {e.High:F3}]");
}

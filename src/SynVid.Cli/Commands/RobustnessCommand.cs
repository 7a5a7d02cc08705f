using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynVid.Datasets.Specs;
using SynVid.Evaluation.Perturbations;
using SynVid.Evaluation.Robustness;
using SynVid.Runtime;

namespace SynVid.Cli.Commands;

/// <summary>`synvid robustness`: UCF101-P-style robustness of fine-tuned checkpoints (REFERENCE.md §6).</summary>
public static class RobustnessCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var checkpoints = new Option<string[]>("--checkpoint")
        {
            Description = "Fine-tuned classifier checkpoint; repeat the flag to compare several (results name each by its file name).",
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
                "REFERENCE.md §9; the nearest evaluated level when 3 is not evaluated).",
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
        var onBadVideo = new Option<string>("--on-bad-video")
        {
            Description = "fail (default): stop at the first missing or unreadable test video, naming it; skip: leave it out and count it.",
            DefaultValueFactory = _ => "fail",
        };
        var legacyInvert = new Option<bool>("--legacy-invert")
        {
            Description = "For comparison only: reproduce the reference's colour-inversion bug (each value v becomes v·255 mod 256 " +
                "before the PIL-based spatial operations, a photographic negative; REFERENCE.md §6.4.1).",
        };
        var command = new Command("robustness",
            "Evaluate fine-tuned classifiers on the clean test set and under UCF101-P perturbations (Schiappa et al. 2023; " +
            "REFERENCE.md §6) with the multi-view test protocol, for every checkpoint × type × severity. Placement: spatial " +
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
            checkpoints, data, perturbations, severities, headline, views, output, seed, threads, batch, onBadVideo, legacyInvert,
        };
        command.SetAction((parse, cancel) =>
        {
            var spec = DatasetSpec.Parse(parse.GetValue(data)!);
            var plan = new RobustnessPlan(
                RobustnessPlan.NameCheckpoints(parse.GetValue(checkpoints)!),
                RobustnessPlan.ParsePerturbations(parse.GetValue(perturbations)!),
                RobustnessPlan.ParseSeverities(parse.GetValue(severities)!),
                parse.GetValue(headline));
            foreach (var c in plan.Checkpoints.Where(c => !File.Exists(c.Path)))
            {
                throw new UserInputException($"--checkpoint {c.Path}: no such file");
            }
            var batchSize = parse.GetValue(batch);
            if (batchSize < 1)
            {
                throw new UserInputException($"--batch must be at least 1, got {batchSize}");
            }
            var viewText = parse.GetValue(views) ?? $"{spec.DefaultTestClips}x{spec.DefaultTestCrops}";
            var settings = new RobustnessSettings(parse.GetValue(data)!, viewText, parse.GetValue(seed), parse.GetValue(legacyInvert));
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            var store = new RobustnessCellStore(outDir, settings);
            TorchRuntime.Configure(parse.GetValue(threads));
            var policy = ParseBadVideo(parse.GetValue(onBadVideo)!);
            throw new UserInputException($"robustness evaluation of {plan.Cells.Count} cells into {store.Directory} with {policy}: not available yet");
        });
        return command;
    }

    /// <summary>Parses an --on-bad-video value.</summary>
    internal static BadVideoPolicy ParseBadVideo(string value) => value.Trim().ToLowerInvariant() switch
    {
        "fail" => BadVideoPolicy.Fail,
        "skip" => BadVideoPolicy.Skip,
        _ => throw new UserInputException($"--on-bad-video must be fail or skip, got '{value}'"),
    };

    private static string Percent(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}

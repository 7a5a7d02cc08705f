using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynVid.Analysis;
using SynVid.Analysis.Data;
using SynVid.Analysis.Features;
using SynVid.Datasets.Specs;
using SynVid.Serialization;

namespace SynVid.Cli.Commands;

/// <summary>`synvid analyze`: the dataset properties of docs/reference-behaviour.md §7 (FID, KID, FVD, diversity, spectrum slope, colour KL).</summary>
public static class AnalyzeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset to analyse: " + VideoCollections.Forms + ".", Required = true };
        var reference = new Option<string>("--reference") { Description = "Reference dataset, same forms (the paper: ucf101:ROOT, split-1 train).", Required = true };
        var features = new Option<string>("--features")
        {
            Description = "Feature extractor: " + FeatureExtractors.Forms + ". random:SEED is a fixed random conv net: consistent between runs but NOT comparable with published FID/FVD; " +
                "onnx:FILE takes e.g. an Inception-v3 pool3 export (pytorch-fid preprocessing).",
            DefaultValueFactory = _ => "random:0",
        };
        var frames = new Option<int>("--frames") { Description = "Random frames per dataset for FID, KID, spectrum slope and colour (paper: 10k).", DefaultValueFactory = _ => 10000 };
        var videos = new Option<int>("--videos") { Description = "Random videos per dataset; one 16-frame clip each for FVD and diversity (paper: 1,000).", DefaultValueFactory = _ => 1000 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: metrics.json and analysis.png.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the frame and clip sampling.", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "Device of the TorchSharp extractors: cpu, cuda or auto.", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "Threads decoding or rendering frames; 0 = all cores.", DefaultValueFactory = _ => 0 };
        var onBadVideo = BadVideoOption.Create();
        var force = ForceOption.Create();
        var command = new Command(
            "analyze",
            "Measure the dataset properties of the paper's Figure 4 against a reference: FID and KID of random frames, FVD of " +
            "16-frame clips, diversity (log-determinant of the feature covariance), spectrum slope α and the symmetric KL " +
            "between L*a*b* colour Gaussians. Writes metrics.json and analysis.png. Recipe: docs/analysis.md.")
        {
            data, reference, features, frames, videos, output, seed, device, threads, onBadVideo, force,
        };
        command.SetAction((parse, cancellation) =>
        {
            var options = new AnalysisOptions
            {
                Data = parse.GetValue(data)!,
                Reference = parse.GetValue(reference)!,
                Features = parse.GetValue(features)!,
                Frames = parse.GetValue(frames),
                Videos = parse.GetValue(videos),
                Seed = parse.GetValue(seed),
                Device = parse.GetValue(device)!,
                Parallelism = parse.GetValue(threads),
                OnBadVideo = BadVideoOption.Parse(parse.GetValue(onBadVideo)!),
            }.Validated();
            var outDir = OutputFolder.Prepare(parse.GetValue(output)!.FullName, OutputKind.Analysis, parse.GetValue(force),
                [DatasetFolders.OfText(options.Data), DatasetFolders.OfText(options.Reference), FolderOf(options.Data), FolderOf(options.Reference)]);
            DatasetMetrics? metrics = null;
            ProgressBars.Start(ProgressBars.Timed(), ctx =>
            {
                var tasks = new Dictionary<(string, string), ProgressTask>();
                foreach (var set in new[] { "data", "reference" })
                {
                    tasks[(set, "frames")] = ctx.AddTask($"{set} frames", maxValue: options.Frames);
                    tasks[(set, "clips")] = ctx.AddTask($"{set} clips", maxValue: options.Videos);
                }
                var progress = new SynchronousProgress<AnalysisProgress>(p => tasks[(p.Dataset, p.Phase)].Value = p.Done);
                metrics = DatasetAnalysis.Run(options, progress, cancellation);
            });
            var path = MetricsJson.Write(outDir, metrics!, options);
            AnalysisFigure.Save(Path.Combine(outDir, "analysis.png"), metrics!);
            var m = metrics!;
            var table = new Table().Border(TableBorder.Rounded).AddColumn("property").AddColumn("value");
            table.AddRow("FID", F(m.Fid));
            table.AddRow("KID", string.Create(CultureInfo.InvariantCulture, $"{m.Kid.Mean:G4} ± {m.Kid.Std:G2}"));
            table.AddRow("FVD", m.Fvd is { } fvd ? F(fvd) : "n/a (extractor has no clip form)");
            table.AddRow("diversity logdet (per dim)", string.Create(CultureInfo.InvariantCulture, $"{m.Diversity.LogDet:F2} ({m.Diversity.LogDetPerDim:F3})"));
            table.AddRow("spectrum α (reference)", string.Create(CultureInfo.InvariantCulture, $"{m.SpectrumAlpha:F3} ({m.ReferenceSpectrumAlpha:F3})"));
            table.AddRow("L*a*b* symmetric KL", m.LabSymmetricKl is { } lab ? F(lab) : "n/a (degenerate colours)");
            AnsiConsole.Write(table);
            if (!m.ComparableWithPaper)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]note:[/] features from {m.Extractor} are not comparable with the paper's FID/FVD values");
            }
            // skipped.csv names the dataset a video came from (data or reference) in its split column
            BadVideoOption.Report(outDir, [.. m.Data.SkippedVideos.Select(v => v with { Split = "data" }), .. m.Reference.SkippedVideos.Select(v => v with { Split = "reference" })]);
            AnsiConsole.MarkupLineInterpolated($"wrote {path} and analysis.png");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    // folder:DIR names a folder of videos, which the dataset specs do not cover
    private static string? FolderOf(string spec) => spec.StartsWith("folder:", StringComparison.Ordinal) ? spec["folder:".Length..] : null;

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
}

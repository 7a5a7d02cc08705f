using System.CommandLine;
using Spectre.Console;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Evaluation.Perturbations;
using SynVid.Serialization;
using SynVid.Video;

namespace SynVid.Cli.Commands;

/// <summary>`synvid perturb-dataset`: a UCF101-P-style perturbed copy of a dataset split.</summary>
public static class PerturbDatasetCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = $"Source dataset: {DatasetSpec.Forms}.", Required = true };
        var type = new Option<string>("--type")
        {
            Description = "Perturbation type, by key or Figure 3 label: " + string.Join(", ", PerturbationCatalog.All.Select(p => p.Key)) + ".",
            Required = true,
        };
        var severity = new Option<int>("--severity") { Description = "Severity 1..5 (static_rotate also has 6 = 180°).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder (created; a rerun completes it).", Required = true };
        var seed = new Option<long>("--seed")
        {
            Description = "Seed of the random draws; video i of the split is seeded by (seed, i, type, severity), as in `synvid robustness`.",
            DefaultValueFactory = _ => 0,
        };
        var split = new Option<string>("--split") { Description = "Which split to copy: test (default), val or train.", DefaultValueFactory = _ => "test" };
        var lossless = new Option<bool>("--lossless")
        {
            Description = "Lossless RGB H.264 (exact pixels, larger files) instead of H.264 4:2:0 at CRF 18.",
        };
        var threads = new Option<int>("--threads") { Description = "Videos processed at once; 0 = one per core.", DefaultValueFactory = _ => 0 };
        var onBadVideo = BadVideoOption.Create();
        var force = ForceOption.Create();
        var command = new Command("perturb-dataset",
            "Write a perturbed copy of a dataset split in the style of UCF101-P (Schiappa et al. 2023): every video perturbed " +
            "as a whole (temporal types re-order all its frames, spatial types act on every uint8 frame, colours never " +
            "inverted) and encoded with ffmpeg under the same relative folders and file names, plus test.csv ('path label' " +
            "lines; train.csv and val.csv repeat it), classes.txt and manifest.json, so that `--data csv:OUT` reads it back. " +
            "Temporal types are written unpadded; evaluation pads short buffers by repeating the last frame. " +
            "Finished videos are kept: a rerun skips them.")
        {
            data, type, severity, output, seed, split, lossless, threads, onBadVideo, force,
        };
        command.SetAction((parse, cancel) =>
        {
            var spec = DatasetSpec.Parse(parse.GetValue(data)!);
            if (spec is MotionSpec)
            {
                throw new UserInputException("--data motion:... builds its labels from clips at evaluation time; perturb the source videos with another spec");
            }
            var perturbation = PerturbationCatalog.Find(parse.GetValue(type)!);
            var level = parse.GetValue(severity);
            var threadCount = parse.GetValue(threads);
            if (threadCount < 0)
            {
                throw new UserInputException($"--threads must be 0 (one per core) or positive, got {threadCount}");
            }
            var splitName = parse.GetValue(split)!;
            if (splitName is not (SplitNames.Test or SplitNames.Validation or SplitNames.Train))
            {
                throw new UserInputException($"--split must be test, val or train, got '{splitName}'");
            }
            var policy = BadVideoOption.Parse(parse.GetValue(onBadVideo)!);
            var outDir = OutputFolder.Prepare(parse.GetValue(output)!, OutputKind.PerturbedDataset, parse.GetValue(force),
                [DatasetFolders.Of(spec)], continues: true);
            var reader = new LabeledVideoReader();
            // the validation split of several layouts is the test list, so checking val checks test
            var used = splitName == SplitNames.Validation ? SplitNames.Of(SplitNames.Validation, SplitNames.Test) : SplitNames.Of(splitName);
            var splits = DatasetCatalog.Load(spec, new DatasetLoadOptions(policy, Probe: reader.Probe, Splits: used));
            var videos = splitName switch
            {
                SplitNames.Test => splits.Test,
                SplitNames.Validation => splits.Validation,
                _ => splits.Train,
            };
            SourceVideo Read(LabeledVideo video)
            {
                var info = reader.Describe(video);
                // files: every decoded frame, and a truncated file is bad; benchmark keys: rendered
                var frames = SynActionLists.TryParseKey(video.Path, out _, out _)
                    ? reader.Read(video, [.. Enumerable.Range(0, info.FrameCount)])
                    : WholeVideo.Read(video.Path).Frames;
                return new SourceVideo(frames, info.Fps);
            }
            var options = new PerturbedDatasetOptions($"{parse.GetValue(data)} ({splitName})", perturbation, level, parse.GetValue(seed),
                parse.GetValue(lossless), threadCount == 0 ? Environment.ProcessorCount : threadCount, DatasetFolders.Of(spec), policy);
            PerturbedDatasetOutcome? outcome = null;
            ProgressBars.Start(ProgressBars.Rate("videos"), Markup.Escape($"{perturbation.Key} s{level}"), videos.Count, task =>
                outcome = PerturbedDataset.Write(outDir, videos, splits.ClassNames, Read, options,
                    new SynchronousProgress<int>(n => task.Increment(n)), cancel));
            AnsiConsole.MarkupLineInterpolated(
                $"{perturbation.Key} severity {level}: wrote {outcome!.Written} video(s), {outcome.Skipped} already present, to {outcome.Directory}");
            BadVideoOption.Report(outDir, [.. splits.Skipped.Where(v => used.Contains(v.Split)), .. outcome.BadVideos.Select(v => v with { Split = splitName })]);
            AnsiConsole.MarkupLineInterpolated($"read it back with --data csv:{outcome.Directory}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}

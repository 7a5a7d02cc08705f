using System.CommandLine;
using Spectre.Console;
using SynVid.Serialization;
using SynVid.Synthesis;
using SynVid.Video;

namespace SynVid.Cli.Commands;

/// <summary>`synvid generate`: writes a synthetic video dataset (videos, annotation csv, manifest).</summary>
public static class GenerateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var stage = new StageOptions();
        var count = new Option<int>("--count") { Description = "Number of videos in the whole dataset (all shards).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: videos/, annotations.csv, manifest.json. Re-running resumes.", Required = true };
        var shard = new Option<string>("--shard") { Description = "Generate only shard i of n (0 ≤ i < n): videos k with k mod n = i. For cluster array jobs.", DefaultValueFactory = _ => "0/1" };
        var format = new Option<string>("--format") { Description = "mp4 (H.264, 25 fps) or png (one folder of numbered frames per video).", DefaultValueFactory = _ => "mp4" };
        var frames = new Option<int?>("--frames") { Description = "Give every video exactly N frames instead of drawing the stage's 100–199/200." };
        var threads = new Option<int>("--threads") { Description = "Worker threads; 0 = all cores.", DefaultValueFactory = _ => 0 };
        var quality = new Option<VideoQuality>("--quality") { Description = "mp4 encoding: H264 (yuv420p at --crf) or Lossless (exact RGB).", DefaultValueFactory = _ => VideoQuality.H264 };
        var crf = new Option<int>("--crf") { Description = "x264 constant rate factor for H264 (0–51, lower is better).", DefaultValueFactory = _ => 18 };
        var force = ForceOption.Create();
        var command = new Command(
            "generate",
            "Generate a synthetic video dataset of one stage of the progression. Video i is a pure function of (stage, " +
            "seed, i): shards and resumed runs produce the same bytes. Writes videos/, a VideoMAE annotation csv " +
            "('path 0' per line; annotations.shard-i-of-n.csv per shard) and manifest.json.");
        stage.AddTo(command);
        command.Add(count);
        command.Add(output);
        command.Add(shard);
        command.Add(format);
        command.Add(frames);
        command.Add(threads);
        command.Add(quality);
        command.Add(crf);
        command.Add(force);
        command.SetAction((parse, cancellation) =>
        {
            var n = parse.GetValue(count);
            if (n < 1)
            {
                throw new UserInputException($"--count {n} must be at least 1");
            }
            if (parse.GetValue(threads) is < 0 and var badThreads)
            {
                throw new UserInputException($"--threads must be 0 (all cores) or positive, got {badThreads}");
            }
            if (parse.GetValue(frames) is < 1 and var badFrames)
            {
                throw new UserInputException($"--frames must be at least 1, got {badFrames}");
            }
            var shardSpec = ShardSpec.Parse(parse.GetValue(shard)!);
            var videoFormat = parse.GetValue(format) switch
            {
                "mp4" => VideoFormat.Mp4,
                "png" => VideoFormat.Png,
                var other => throw new UserInputException($"--format '{other}' must be mp4 or png"),
            };
            var parameters = stage.Resolve(parse);
            if (parse.GetValue(frames) is { } fixedFrames)
            {
                parameters = (parameters with { MinFrames = fixedFrames, MaxFrames = fixedFrames }).Validated();
            }
            Action<string, IEnumerable<RgbImage>>? writer = null;
            if (videoFormat == VideoFormat.Mp4)
            {
                Ffmpeg.Require();
                var q = parse.GetValue(quality);
                var c = parse.GetValue(crf);
                if (c is < 0 or > 51)
                {
                    throw new UserInputException($"--crf {c} must be 0..51");
                }
                if (q == VideoQuality.H264 && parameters.Resolution % 2 != 0)
                {
                    throw new UserInputException($"--res {parameters.Resolution} must be even for H.264 mp4 (4:2:0 chroma); use an even size, --quality Lossless or --format png");
                }
                writer = DatasetGenerator.Mp4Writer(q, c);
            }
            var outDir = OutputFolder.Prepare(parse.GetValue(output)!.FullName, OutputKind.GeneratedDataset, parse.GetValue(force),
                [parse.GetValue(stage.Images)?.FullName], continues: true);
            var textures = stage.Textures(parse, parameters);
            var videos = new SyntheticVideoSet(parameters, textures, parse.GetValue(stage.Seed), n);
            var mine = Enumerable.Range(0, n).Count(i => shardSpec.Contains(i));

            GenerationSummary? summary = null;
            ProgressBars.Start(ProgressBars.Rate("videos"), Markup.Escape($"{parameters.Name} {shardSpec}"), mine, task =>
            {
                var progress = new ProgressReporter(done => task.Value = done);
                summary = DatasetGenerator.Run(videos, outDir, videoFormat, shardSpec, parse.GetValue(threads), writer, progress, cancellation);
            });
            AnsiConsole.MarkupLineInterpolated($"wrote {summary!.Written} video(s), {summary.Skipped} already present, to {outDir}");
            if (summary.Replaced > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]rewrote {summary.Replaced} incomplete video(s) an earlier run left (empty, truncated or short)[/]");
            }
            AnsiConsole.MarkupLineInterpolated($"annotations: {summary.AnnotationPath}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>Forwards progress synchronously and only forwards (workers finish out of order).</summary>
    private sealed class ProgressReporter(Action<int> report) : IProgress<int>
    {
        private readonly Lock _gate = new();
        private int _max;

        public void Report(int value)
        {
            lock (_gate)
            {
                if (value > _max)
                {
                    _max = value;
                    report(value);
                }
            }
        }
    }
}

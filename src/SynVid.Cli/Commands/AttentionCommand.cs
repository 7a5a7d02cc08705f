using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynVid.Analysis;
using SynVid.Analysis.Data;
using SynVid.Analysis.Features;
using SynVid.Datasets;
using SynVid.Datasets.Specs;
using SynVid.Runtime;
using SynVid.Serialization;
using SynVid.Synthesis;
using SynVid.Video;
using TorchSharp;

namespace SynVid.Cli.Commands;

/// <summary>`synvid attention`: PCA of the last block's attention keys, rendered beside the frames (docs/reference-behaviour.md §7).</summary>
public static class AttentionCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "VideoMAE checkpoint: pre-training or fine-tuned classifier (.pth or safetensors).", Required = true };
        var data = new Option<string>("--data") { Description = "Videos to show: " + VideoCollections.Forms + ".", Required = true };
        var className = new Option<string?>("--class") { Description = "Only videos of this class (ucf101:, hmdb51:, csv:, synaction; the paper uses one UCF101 class)." };
        var videos = new Option<int>("--videos") { Description = "Videos whose tokens the PCA is fitted on (paper: 70).", DefaultValueFactory = _ => 70 };
        var show = new Option<int>("--show") { Description = "Videos drawn in the figure (the first of those sampled).", DefaultValueFactory = _ => 4 };
        var frames = new Option<int>("--frames") { Description = "Model input frames T.", DefaultValueFactory = _ => 16 };
        var stride = new Option<int>("--stride") { Description = "Frame stride: a clip spans T·stride frames (paper: 32 frames, i.e. 16 × 2).", DefaultValueFactory = _ => 2 };
        var size = new Option<int>("--size") { Description = "Model input side.", DefaultValueFactory = _ => 224 };
        var heads = new Option<int?>("--heads") { Description = "Attention heads of the encoder (default: width / 64, as every reference size)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the video and start-frame choice.", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu, cuda or auto.", DefaultValueFactory = _ => "cpu" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: attention_keys.png.", Required = true };
        var onBadVideo = BadVideoOption.Create();
        var force = ForceOption.Create();
        var command = new Command(
            "attention",
            "Visualise what a VideoMAE encoder attends to: the last block's attention keys (all heads concatenated) of the " +
            "tokens of several videos, reduced by one PCA fitted jointly over all tokens; the first three components, min-max " +
            "scaled, are shown as RGB per tubelet position below each tubelet's first frame.")
        {
            checkpoint, data, className, videos, show, frames, stride, size, heads, seed, device, output, onBadVideo, force,
        };
        command.SetAction((parse, cancellation) =>
        {
            int n = parse.GetValue(videos), t = parse.GetValue(frames), step = parse.GetValue(stride), shown = parse.GetValue(show);
            if (n < 1 || t < 1 || step < 1 || shown < 1)
            {
                throw new UserInputException("--videos, --show, --frames and --stride must be positive");
            }
            var policy = BadVideoOption.Parse(parse.GetValue(onBadVideo)!);
            var outDir = OutputFolder.Prepare(parse.GetValue(output)!.FullName, OutputKind.Attention, parse.GetValue(force),
                [DatasetFolders.OfText(parse.GetValue(data)), parse.GetValue(data)!.StartsWith("folder:", StringComparison.Ordinal) ? parse.GetValue(data)!["folder:".Length..] : null],
                [parse.GetValue(checkpoint)!.FullName]);
            var dev = TorchRuntime.ResolveDevice(parse.GetValue(device)!);
            using var model = VideoMaeEncoder.Load(parse.GetValue(checkpoint)!.FullName, t, parse.GetValue(size), parse.GetValue(heads));
            model.to(dev);
            using var collection = VideoCollections.Open(parse.GetValue(data)!, parse.GetValue(className), policy);
            var seedValue = parse.GetValue(seed);
            var order = DatasetAnalysis.Permutation(collection.Count, Math.Min(n, collection.Count), seedValue);
            var clips = new List<IReadOnlyList<RgbImage>>();
            ProgressBars.Start([.. ProgressBars.Basic(), new ElapsedTimeColumn()], "reading clips", order.Length, task =>
            {
                foreach (var (video, k) in order.Select((v, k) => (v, k)))
                {
                    cancellation.ThrowIfCancellationRequested();
                    var count = collection.FrameCount(video);
                    var span = t * step;
                    var start = new SeededRandom(seedValue, 4, k).NextInt(0, Math.Max(0, count - span));
                    clips.Add(collection.ReadFrames(video, [.. Enumerable.Range(0, t).Select(i => Math.Min(start + (i * step), count - 1))]));
                    task.Increment(1);
                }
            });
            var maps = AttentionKeyPca.Compute(model, clips, dev);
            var shownMaps = maps with
            {
                Frames = [.. maps.Frames.Take(shown)],
                Colours = Slice(maps.Colours, Math.Min(shown, maps.Frames.Count)),
            };
            Directory.CreateDirectory(outDir);
            var path = Path.Combine(outDir, "attention_keys.png");
            PngFile.Write(path, AttentionKeyPca.Render(shownMaps, model.Config.Encoder.TubeletSize));
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"PCA over {clips.Count} video(s) × {model.Config.Encoder.NumTokens} tokens; explained variance {string.Join(", ", maps.ExplainedVariance.Select(v => v.ToString("P1", CultureInfo.InvariantCulture)))}");
            if (collection is ISkippedVideos skipping)
            {
                // as analyze: the split column names the dataset option the video came from
                BadVideoOption.Report(outDir, [.. skipping.SkippedVideos.Select(v => v with { Split = "data" })]);
            }
            AnsiConsole.MarkupLineInterpolated($"wrote {path}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static float[,,,,] Slice(float[,,,,] colours, int clips)
    {
        var result = new float[clips, colours.GetLength(1), colours.GetLength(2), colours.GetLength(3), colours.GetLength(4)];
        Buffer.BlockCopy(colours, 0, result, 0, result.Length * sizeof(float));
        return result;
    }
}

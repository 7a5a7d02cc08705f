using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Model.Checkpoints;
using SynVid.Runtime;
using SynVid.Serialization;
using TorchSharp;

namespace SynVid.Cli.Commands;

/// <summary>`synvid evaluate`: multi-view testing of a fine-tuned classifier.</summary>
public static class EvaluateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("evaluate",
            "Test a fine-tuned classifier with multi-view testing (docs/reference-behaviour.md §5.3): every stride-th frame, short side " +
            "resized to the input size, CLIPS windows × CROPS crops along the long side, softmax averaged per video. " +
            "Writes OUT/results.json (top1, top5, num_videos, views, per-class top-1), predictions.csv, per_class.csv " +
            "and confusion.png.");
        var checkpoint = new Option<string>("--checkpoint")
        {
            Description = "Fine-tuned classifier: a checkpoint file (SynVid, reference .pth or HuggingFace safetensors) or a fine-tuning run folder (its latest checkpoint).",
            Required = true,
        };
        var data = new Option<string>("--data") { Description = $"Dataset: {DatasetSpec.Forms}. Its test split is evaluated.", Required = true };
        var views = new Option<string?>("--views") { Description = "Views per video as CLIPSxCROPS (default: the dataset's, 5x3 UCF101, 10x3 HMDB51)." };
        var output = new Option<string>("--out") { Description = "Folder for the results.", Required = true };
        var stride = new Option<int?>("--stride") { Description = "Frame stride (default: the checkpoint's, else the dataset's: 4 UCF101, 2 HMDB51)." };
        var frames = new Option<int?>("--frames") { Description = "Frames per clip when the checkpoint does not record it (default 16)." };
        var size = new Option<int?>("--size") { Description = "Input side when the checkpoint does not record it (default 224)." };
        var batch = new Option<int>("--batch") { Description = "Views per forward pass.", DefaultValueFactory = _ => 16 };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0 = libtorch default: all cores).", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var onBadVideo = BadVideoOption.Create();
        var force = ForceOption.Create();
        var splits = new Option<string?>("--splits") { Description = "Folder of official split lists (UCF101 ucfTrainTestlist, HMDB51 split files)." };
        var seed = new Option<int>("--seed") { Description = "Seed of motion-probe clip positions.", DefaultValueFactory = _ => 0 };
        foreach (var option in new Option[] { checkpoint, data, views, output, stride, frames, size, batch, threads, device, onBadVideo, splits, seed, force })
        {
            command.Add(option);
        }
        command.SetAction(parse =>
        {
            TorchRuntime.Configure(parse.GetValue(threads));
            var spec = DatasetSpec.Parse(parse.GetValue(data)!);
            var viewCount = parse.GetValue(views) is { } v ? ViewCount.Parse(v) : new ViewCount(spec.DefaultTestClips, spec.DefaultTestCrops);
            var batchSize = parse.GetValue(batch);
            if (batchSize < 1)
            {
                throw new UserInputException($"--batch must be at least 1, got {batchSize}");
            }
            var policy = BadVideoOption.Parse(parse.GetValue(onBadVideo)!);
            var torchDevice = TorchRuntime.ResolveDevice(parse.GetValue(device)!);
            var outDir = OutputFolder.Prepare(parse.GetValue(output)!, OutputKind.Evaluation, parse.GetValue(force),
                [DatasetFolders.Of(spec), parse.GetValue(splits)], [parse.GetValue(checkpoint)]);
            var (model, input) = ClassifierLoader.Load(parse.GetValue(checkpoint)!, parse.GetValue(frames), parse.GetValue(size));
            using var _ = model;
            var downstream = DownstreamData.Open(spec, new DownstreamDataOptions(
                ClipLength: input.NumFrames,
                Stride: parse.GetValue(stride) ?? input.Stride,
                Seed: parse.GetValue(seed),
                OnBadVideo: policy,
                SplitsDirectory: parse.GetValue(splits),
                Splits: SplitNames.Of(SplitNames.Test)));
            if (model.Config.NumClasses != downstream.ClassNames.Count)
            {
                throw new UserInputException(
                    $"the classifier predicts {model.Config.NumClasses} classes but {downstream.Splits.Name} has {downstream.ClassNames.Count}");
            }
            model.to(torchDevice);
            var test = downstream.Splits.Test;
            AnsiConsole.MarkupLineInterpolated(
                $"evaluating on [bold]{downstream.Splits.Name}[/]: {test.Count} videos × {viewCount.Total} views ({viewCount}), {input.NumFrames}×{input.InputSize}², stride {downstream.Stride}");
            var evaluator = new MultiViewEvaluator(downstream, new EvaluationViews(input.NumFrames, downstream.Stride, input.InputSize, input.InputSize), viewCount, batchSize);
            var started = DateTime.UtcNow;
            EvaluationResult? result = null;
            ProgressBars.Run("videos", test.Count, progress =>
                result = evaluator.Evaluate(x => model.forward(x.to(torchDevice)), test, null, progress));
            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            EvaluationReport.Write(outDir, result!, new Dictionary<string, object?>
            {
                ["dataset"] = downstream.Splits.Name,
                ["checkpoint"] = Path.GetFullPath(ClassifierLoader.ResolveFile(parse.GetValue(checkpoint)!)),
                ["num_frames"] = input.NumFrames,
                ["input_size"] = input.InputSize,
                ["stride"] = downstream.Stride,
                ["skipped_videos"] = downstream.SkippedIn(SplitNames.Of(SplitNames.Test)).Count,
                ["seconds"] = Math.Round(seconds, 2),
                ["views_per_second"] = Math.Round(test.Count * viewCount.Total / Math.Max(seconds, 1e-9), 3),
            });
            BadVideoOption.Report(outDir, downstream.SkippedIn(SplitNames.Of(SplitNames.Test)));
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"top-1 [bold]{result!.Top1:F2}%[/], top-5 {result.Top5:F2}% on {result.Predictions.Count} videos ({viewCount} views) in {seconds:F1} s → {Markup.Escape(outDir)}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}

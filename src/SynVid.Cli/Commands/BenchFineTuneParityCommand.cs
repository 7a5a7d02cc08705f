using System.CommandLine;
using System.Globalization;
using SynVid.Benchmarking;
using SynVid.Runtime;

namespace SynVid.Cli.Commands;

/// <summary>`synvid bench finetune-parity`: exports fixed fine-tuning batches and an initial state, and SynVid's losses on them.</summary>
public static class BenchFineTuneParityCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create()
    {
        var defaults = new FineTuneParityOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the exported files and SynVid's losses.", Required = true };
        var data = new Option<string>("--data") { Description = "Dataset spec of the batches.", DefaultValueFactory = _ => defaults.Data };
        var preset = new Option<string>("--preset") { Description = "Fine-tuning preset (model, input, optimiser, layer decay).", DefaultValueFactory = _ => defaults.Preset };
        var steps = new Option<int>("--steps") { Description = "Optimiser steps.", DefaultValueFactory = _ => defaults.Steps };
        var batch = new Option<int>("--batch") { Description = "Clips per step.", DefaultValueFactory = _ => defaults.Batch };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up steps of the lr schedule (cosine after them).", DefaultValueFactory = _ => defaults.WarmupSteps };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation and data.", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "Torch intra-op threads (0 = all cores).", DefaultValueFactory = _ => 1 };
        var command = new Command(
            "finetune-parity",
            "Export a fixed sequence of fine-tuning batches (clips.npy, targets.npy), the initial weights (init.pth), the lr per step and " +
            "the layer-decay groups, then train on them with SynVid's fine-tuning step (fp32; dropout, drop path, augmentation and mixing off) " +
            "and write the losses; bench/reference/finetune_step_reference.py replays the steps in PyTorch.")
        {
            output,
            data,
            preset,
            steps,
            batch,
            warmup,
            seed,
            threads,
        };
        command.SetAction(parse =>
        {
            TorchRuntime.Configure(parse.GetValue(threads));
            var options = new FineTuneParityOptions
            {
                Data = parse.GetValue(data)!,
                Preset = parse.GetValue(preset)!,
                Steps = parse.GetValue(steps),
                Batch = parse.GetValue(batch),
                WarmupSteps = parse.GetValue(warmup),
                Seed = parse.GetValue(seed),
            };
            var folder = parse.GetValue(output)!.FullName;
            var result = FineTuneParity.Run(folder, options, (s, lr, loss) =>
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {s + 1}/{options.Steps}: lr {lr:E3}, loss {loss:F6}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"finetune-parity {options.Preset} on {options.Data}: {options.Steps} steps of {options.Batch} clips, loss {result.Steps[0].Loss:F6} → {result.Steps[^1].Loss:F6}; files in {folder}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using SynVid.Benchmarking;
using SynVid.Runtime;

namespace SynVid.Cli.Commands;

/// <summary>`synvid bench pretrain-parity`: exports fixed pre-training batches and an initial state, and SynVid's losses on them.</summary>
public static class BenchPretrainParityCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create()
    {
        var defaults = new PretrainParityOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the exported files and SynVid's losses.", Required = true };
        var stage = new Option<string>("--stage") { Description = "Generator stage of the clips.", DefaultValueFactory = _ => defaults.Stage };
        var preset = new Option<string>("--preset") { Description = "Pre-training preset (model, input, optimiser, masking).", DefaultValueFactory = _ => defaults.Preset };
        var steps = new Option<int>("--steps") { Description = "Optimiser steps.", DefaultValueFactory = _ => defaults.Steps };
        var batch = new Option<int>("--batch") { Description = "Clips per forward pass.", DefaultValueFactory = _ => defaults.Batch };
        var accumulation = new Option<int>("--accumulation") { Description = "Forward passes per optimiser step.", DefaultValueFactory = _ => defaults.Accumulation };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up steps of the lr schedule (cosine after them).", DefaultValueFactory = _ => defaults.WarmupSteps };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, clips and masks.", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "Torch intra-op threads (0 = all cores).", DefaultValueFactory = _ => 1 };
        var command = new Command(
            "pretrain-parity",
            "Export a fixed sequence of pre-training batches (clips.npy, masks.npy), the initial weights (init.pth), the lr per step and " +
            "the parameter groups, then train on them with the trainer's pre-training step and write the losses; " +
            "bench/reference/pretrain_step_reference.py replays the steps in PyTorch.")
        {
            output,
            stage,
            preset,
            steps,
            batch,
            accumulation,
            warmup,
            seed,
            threads,
        };
        command.SetAction(parse =>
        {
            TorchRuntime.Configure(parse.GetValue(threads));
            var options = new PretrainParityOptions
            {
                Stage = parse.GetValue(stage)!,
                Preset = parse.GetValue(preset)!,
                Steps = parse.GetValue(steps),
                Batch = parse.GetValue(batch),
                Accumulation = parse.GetValue(accumulation),
                WarmupSteps = parse.GetValue(warmup),
                Seed = parse.GetValue(seed),
            };
            var folder = parse.GetValue(output)!.FullName;
            var result = PretrainParity.Run(folder, options, (s, lr, loss) =>
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {s + 1}/{options.Steps}: lr {lr:E3}, loss {loss:F6}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pretrain-parity {options.Preset} on {options.Stage}: {options.Steps} steps of {options.Batch} × {options.Accumulation} clips, loss {result.Steps[0].Loss:F6} → {result.Steps[^1].Loss:F6}; files in {folder}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}

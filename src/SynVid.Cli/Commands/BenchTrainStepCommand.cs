using System.CommandLine;
using System.Globalization;
using SynVid.Benchmarking;
using SynVid.Model;
using SynVid.Runtime;
using SynVid.Training;

namespace SynVid.Cli.Commands;

/// <summary>`synvid bench train-step`: times the trainer's VideoMAE pre-training step.</summary>
public static class BenchTrainStepCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create()
    {
        var preset = new Option<string?>("--preset")
        {
            Description = "Take model, depths, frames, input size, batch, accumulation, optimiser and schedule from a pre-training preset " +
                "(cpu-tiny, cpu-small, paper); --model, --frames, --img and --batch given as well override it.",
        };
        var model = new Option<string>("--model") { Description = "Model size: tiny, small, base, large or huge.", DefaultValueFactory = _ => "small" };
        var frames = new Option<int>("--frames") { Description = "Frames per clip.", DefaultValueFactory = _ => 16 };
        var img = new Option<int>("--img") { Description = "Square image side in pixels.", DefaultValueFactory = _ => 112 };
        var batch = new Option<int>("--batch") { Description = "Clips per forward pass.", DefaultValueFactory = _ => 4 };
        var threads = new Option<int>("--threads") { Description = "Torch intra-op threads (0 = all cores).", DefaultValueFactory = _ => 1 };
        var steps = new Option<int>("--steps") { Description = "Timed steps; the median is reported.", DefaultValueFactory = _ => 5 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first.", DefaultValueFactory = _ => 1 };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var precision = new Option<string>("--precision")
        {
            Description = "Linear products in fp32 (the reference) or bf16 (faster on CPUs with AVX-512 BF16; not bit-identical).",
            DefaultValueFactory = _ => "fp32",
        };
        precision.AcceptOnlyFromAmong("fp32", "bf16");
        var command = new Command(
            "train-step",
            "Time the trainer's VideoMAE pre-training step (scheduled lr, normalised-pixel target, forward, backward, AdamW) on random clips with tube masks; " +
            "prints each step with the process's resident memory and, on the last line, the median in ms and the achieved GFLOP/s.")
        {
            preset,
            model,
            frames,
            img,
            batch,
            threads,
            steps,
            warmup,
            device,
            precision,
        };
        command.SetAction(parse =>
        {
            TorchRuntime.Configure(parse.GetValue(threads));
            var presetName = parse.GetValue(preset);
            var recipe = presetName is null ? TrainStepBenchmarkOptions.DefaultRecipe : PretrainPresets.Parse(presetName);
            bool Given(Option o) => presetName is null || parse.GetResult(o) is { Implicit: false };
            recipe = recipe with
            {
                Model = Given(model) ? parse.GetValue(model)! : recipe.Model,
                Frames = Given(frames) ? parse.GetValue(frames) : recipe.Frames,
                InputSize = Given(img) ? parse.GetValue(img) : recipe.InputSize,
                BatchSize = Given(batch) ? parse.GetValue(batch) : recipe.BatchSize,
                Device = parse.GetValue(device)!,
            };
            var options = new TrainStepBenchmarkOptions
            {
                Recipe = recipe,
                Preset = presetName,
                Steps = parse.GetValue(steps),
                Warmup = parse.GetValue(warmup),
                Precision = parse.GetValue(precision) == "bf16" ? MatmulPrecision.BFloat16 : MatmulPrecision.Float32,
            };
            var total = options.Steps + options.Warmup;
            var result = TrainStepBenchmark.Run(options, (i, ms, timed) =>
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {i + 1}/{total}{(timed ? string.Empty : " (warm-up)")}: {ms:F1} ms, rss {Environment.WorkingSet / (1024 * 1024)} MB")));
            Console.WriteLine(result.Summary);
            return ExitCodes.Ok;
        });
        return command;
    }
}

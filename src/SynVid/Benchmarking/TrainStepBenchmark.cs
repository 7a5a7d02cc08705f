using System.Diagnostics;
using System.Globalization;
using SynVid.Model;
using SynVid.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Benchmarking;

/// <summary>What to time: the trainer's pre-training step (<see cref="PretrainStep"/>) for a recipe, on random clips.</summary>
public sealed record TrainStepBenchmarkOptions
{
    /// <summary>The default shape: ViT-S at 16 × 112², batch 4, one forward pass per step.</summary>
    public static PretrainRecipe DefaultRecipe { get; } = new() { Model = "small", Frames = 16, InputSize = 112, BatchSize = 4, Accumulation = 1, Device = "cpu" };

    /// <summary>The recipe whose step is timed: model, depths, frames, input size, batch, accumulation, optimiser, schedule, device.</summary>
    public PretrainRecipe Recipe { get; init; } = DefaultRecipe;

    /// <summary>Name of the preset the recipe came from (null: none), for the summary.</summary>
    public string? Preset { get; init; }

    /// <summary>Timed steps (the median is reported).</summary>
    public int Steps { get; init; } = 5;

    /// <summary>Untimed steps first (allocator and optimiser state warm-up).</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Element type of the Linear products.</summary>
    public MatmulPrecision Precision { get; init; } = MatmulPrecision.Float32;
}

/// <summary>The measured step times and the work they did.</summary>
/// <param name="CeilingGflops">The same process's large-matmul rate in the step's precision (<see cref="MatmulCeiling"/>), measured after the steps (NaN on a GPU).</param>
public sealed record TrainStepBenchmarkResult(
    TrainStepBenchmarkOptions Options, PretrainConfig Config, Timing Timing, double StepFlops, int Threads, double LastLoss, double CeilingGflops)
{
    /// <summary>Achieved GFLOP/s at the median step time.</summary>
    public double GflopsPerSecond => StepFlops / (Timing.MedianMs * 1e-3) / 1e9;

    /// <summary>Clips per second at the median step time.</summary>
    public double ClipsPerSecond => Options.Recipe.BatchSize * Options.Recipe.Accumulation / (Timing.MedianMs * 1e-3);

    /// <summary>Achieved GFLOP/s as a share of <see cref="CeilingGflops"/>.</summary>
    public double CeilingShare => GflopsPerSecond / CeilingGflops;

    /// <summary>One line: configuration, median, min and GFLOP/s.</summary>
    public string Summary
    {
        get
        {
            var r = Options.Recipe;
            var preset = Options.Preset is null ? string.Empty : $"{Options.Preset}: ";
            var batch = r.Accumulation == 1 ? $"batch {r.BatchSize}" : $"batch {r.BatchSize} × {r.Accumulation} passes";
            var share = double.IsNaN(CeilingGflops)
                ? ""
                : string.Create(CultureInfo.InvariantCulture, $" = {CeilingShare:P0} of a {MatmulCeiling.DefaultSize}² matmul's {CeilingGflops:F1}");
            return string.Create(CultureInfo.InvariantCulture,
                $"train-step {preset}{r.Model} ({Config.Encoder.Depth}+{Config.DecoderDepth} blocks), {r.Frames} frames, {r.InputSize}², {batch}, {Threads} thread(s), {r.Device}, {PrecisionName(Options.Precision)}: " +
                $"median {Timing.MedianMs:F1} ms (min {Timing.MinMs:F1} ms), {ClipsPerSecond:F1} clips/s, {GflopsPerSecond:F1} GFLOP/s{share}");
        }
    }

    /// <summary>The CLI name of a precision: fp32 or bf16.</summary>
    public static string PrecisionName(MatmulPrecision precision) => precision == MatmulPrecision.BFloat16 ? "bf16" : "fp32";
}

/// <summary>
/// Times full pre-training steps as the trainer runs them (<see cref="PretrainStep"/>: scheduled lr, accumulation,
/// GC-quiet region, AdamW over the recipe's groups) on one ImageNet-normalised random clip batch with the recipe's masks.
/// </summary>
public static class TrainStepBenchmark
{
    /// <summary>Runs the benchmark; <paramref name="onStep"/> receives (step index, milliseconds, timed?).</summary>
    public static TrainStepBenchmarkResult Run(TrainStepBenchmarkOptions options, Action<int, double, bool>? onStep = null)
    {
        var recipe = options.Recipe;
        if (options.Steps < 1 || options.Warmup < 0)
        {
            throw new UserInputException($"--steps must be positive and --warmup non-negative (got {options.Steps}, {options.Warmup})");
        }
        recipe.Validate();
        var device = Runtime.TorchRuntime.ResolveDevice(recipe.Device);
        var shape = recipe.ModelConfig();
        var config = shape with { Encoder = shape.Encoder with { Precision = options.Precision } };
        random.manual_seed(0);
        using var model = new PretrainModel(config);
        model.to(device);
        using var step = new PretrainStep(model, recipe);
        var masks = new MaskGenerator(config.Encoder, recipe.MaskRatio, recipe.Masking);
        using var batch = new PretrainBatch(
            randn([recipe.BatchSize, 3, recipe.Frames, recipe.InputSize, recipe.InputSize], device: device),
            masks.Batch(recipe.BatchSize, new Random(0), device), 0);
        var times = new List<double>();
        var loss = 0.0;
        for (var i = 0; i < options.Warmup + options.Steps; i++)
        {
            var start = Stopwatch.GetTimestamp();
            loss = step.Run(i, batch).Loss;
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var timed = i >= options.Warmup;
            if (timed)
            {
                times.Add(ms);
            }
            onStep?.Invoke(i, ms, timed);
        }
        var flops = recipe.Accumulation * ModelFlops.PretrainStep(config, masks.MaskedPerSample, recipe.BatchSize);
        var ceiling = device.type == DeviceType.CPU ? MatmulCeiling.Measure(options.Precision).Gflops : double.NaN;
        return new TrainStepBenchmarkResult(options, config, new Timing(times), flops, get_num_threads(), loss, ceiling);
    }
}

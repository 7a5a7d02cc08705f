using System.Diagnostics;
using System.Globalization;
using SynVid.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Benchmarking;

/// <summary>What to time: a pre-training step (forward, backward, AdamW) of a named size on random clips.</summary>
public sealed record TrainStepBenchmarkOptions
{
    /// <summary>Model size name (tiny, small, base, large, huge).</summary>
    public string Model { get; init; } = "small";

    /// <summary>Frames per clip.</summary>
    public int Frames { get; init; } = 16;

    /// <summary>Square image side.</summary>
    public int ImageSize { get; init; } = 112;

    /// <summary>Clips per step.</summary>
    public int Batch { get; init; } = 4;

    /// <summary>Timed steps (the median is reported).</summary>
    public int Steps { get; init; } = 5;

    /// <summary>Untimed steps first (allocator and optimiser state warm-up).</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Element type of the Linear products.</summary>
    public MatmulPrecision Precision { get; init; } = MatmulPrecision.Float32;

    /// <summary>Device name (cpu, cuda, cuda:N).</summary>
    public string Device { get; init; } = "cpu";
}

/// <summary>The measured step times and the work they did.</summary>
public sealed record TrainStepBenchmarkResult(TrainStepBenchmarkOptions Options, Timing Timing, double StepFlops, int Threads, float LastLoss)
{
    /// <summary>Achieved GFLOP/s at the median step time.</summary>
    public double GflopsPerSecond => StepFlops / (Timing.MedianMs * 1e-3) / 1e9;

    /// <summary>One line: configuration, median, min and GFLOP/s.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"train-step {Options.Model}, {Options.Frames} frames, {Options.ImageSize}², batch {Options.Batch}, {Threads} thread(s), {Options.Device}, {PrecisionName(Options.Precision)}: " +
        $"median {Timing.MedianMs:F1} ms (min {Timing.MinMs:F1} ms), {GflopsPerSecond:F1} GFLOP/s");

    /// <summary>The CLI name of a precision: fp32 or bf16.</summary>
    public static string PrecisionName(MatmulPrecision precision) => precision == MatmulPrecision.BFloat16 ? "bf16" : "fp32";
}

/// <summary>Times full pre-training steps: ImageNet-normalised random clips, tube masks at ratio 0.75, AdamW.</summary>
public static class TrainStepBenchmark
{
    /// <summary>Runs the benchmark; <paramref name="onStep"/> receives (step index, milliseconds, timed?).</summary>
    public static TrainStepBenchmarkResult Run(TrainStepBenchmarkOptions options, Action<int, double, bool>? onStep = null)
    {
        if (options.Batch < 1 || options.Steps < 1 || options.Warmup < 0)
        {
            throw new UserInputException($"--batch and --steps must be positive and --warmup non-negative (got {options.Batch}, {options.Steps}, {options.Warmup})");
        }
        var device = Runtime.TorchRuntime.ResolveDevice(options.Device);
        var size = ModelSize.Parse(options.Model);
        var shape = new VideoVitConfig { NumFrames = options.Frames, ImageSize = options.ImageSize, Precision = options.Precision };
        var config = size.Pretrain(shape);
        config.Validate();
        random.manual_seed(0);
        using var model = new PretrainModel(config);
        model.to(device);
        using var step = new PretrainStep(model);
        var masks = new MaskGenerator(config.Encoder);
        using var clip = randn([options.Batch, 3, options.Frames, options.ImageSize, options.ImageSize], device: device);
        using var mask = masks.Batch(options.Batch, new Random(0), device);
        var times = new List<double>();
        var loss = 0f;
        for (var i = 0; i < options.Warmup + options.Steps; i++)
        {
            var start = Stopwatch.GetTimestamp();
            loss = step.Run(clip, mask);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var timed = i >= options.Warmup;
            if (timed)
            {
                times.Add(ms);
            }
            onStep?.Invoke(i, ms, timed);
        }
        var flops = ModelFlops.PretrainStep(config, masks.MaskedPerSample, options.Batch);
        return new TrainStepBenchmarkResult(options, new Timing(times), flops, get_num_threads(), loss);
    }
}

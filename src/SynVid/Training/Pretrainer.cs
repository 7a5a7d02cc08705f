using System.Diagnostics;
using SynVid.Concurrency;
using SynVid.Datasets;
using SynVid.Model;
using SynVid.Reporting;
using SynVid.Runtime;
using SynVid.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>The outcome of <see cref="Pretrainer.Run"/>.</summary>
/// <param name="StartStep">Step the run (or resume) started from.</param>
/// <param name="EndStep">Steps completed.</param>
/// <param name="FirstLoss">Loss of the first step run now (NaN if none ran).</param>
/// <param name="LastLoss">Loss of the last step (NaN if none ran).</param>
/// <param name="ClipsPerSecond">Throughput of this invocation.</param>
/// <param name="DataWaitShare">Fraction of wall time spent waiting for data.</param>
/// <param name="GflopsPerSecond">Achieved model GFLOP/s end to end, data included (<see cref="Model.ModelFlops"/> per clip × clips/s).</param>
public sealed record PretrainResult(long StartStep, long EndStep, double FirstLoss, double LastLoss, double ClipsPerSecond, double DataWaitShare, double GflopsPerSecond);

/// <summary>
/// VideoMAE pre-training, one clear loop: per optimiser step run a <see cref="PretrainStep"/> on prefetched batches
/// (scheduled lr, accumulated forward and backward passes, AdamW), stop on a non-finite loss before it touches the
/// weights, log, and checkpoint every N steps. Everything (weights, data, masks) is a function of the recipe's seed and the step,
/// so a resumed run reproduces an uninterrupted one exactly on the CPU.
/// </summary>
public static class Pretrainer
{
    /// <summary>Column names of <c>metrics.csv</c>.</summary>
    public static IReadOnlyList<string> MetricColumns { get; } = ["step", "loss", "lr", "clips_per_s", "data_wait"];

    /// <summary>Number of fixed clips shown in the reconstruction figure.</summary>
    public const int FigureClips = 3;

    /// <summary>
    /// Writes <c>loss.png</c> (from metrics.csv) and <c>reconstruction.png</c> (the first <see cref="FigureClips"/>
    /// samples of the source with their training crops and masks) into the run folder.
    /// </summary>
    public static void SaveFigures(string runDirectory, PretrainModel model, PretrainRecipe recipe, PretrainConfig modelConfig, IPretrainClipSource source)
    {
        var metricsPath = Path.Combine(runDirectory, "metrics.csv");
        if (File.Exists(metricsPath))
        {
            var (steps, values) = MetricsCsv.Read(metricsPath);
            LossCurvePlot.Save(Path.Combine(runDirectory, "loss.png"), steps, values["loss"], $"pre-training loss ({source.Name})");
        }
        using var scope = NewDisposeScope();
        var figureRecipe = recipe with { BatchSize = FigureClips };
        using var batch = PretrainBatch.Make(figureRecipe, modelConfig, source, pass: 0);
        var device = model.parameters().First().device;
        ReconstructionFigure.Save(Path.Combine(runDirectory, "reconstruction.png"), model, batch.Video.to(device), batch.Mask.to(device), recipe.NormalizeTarget);
    }

    /// <summary>
    /// Runs (or resumes, when the run folder has checkpoints) up to <paramref name="untilStep"/> total steps. Besides every
    /// <see cref="PretrainRecipe.CheckpointEvery"/> steps (of which the newest 3 are kept), a checkpoint is written and kept
    /// at each step of <paramref name="keepSteps"/> (the pre-training budgets of a scaling study).
    /// </summary>
    public static PretrainResult Run(
        string runDirectory,
        PretrainRunConfig config,
        IPretrainClipSource source,
        long untilStep,
        IProgress<PretrainProgress>? progress = null,
        CancellationToken cancellation = default,
        IReadOnlySet<long>? keepSteps = null)
    {
        var recipe = config.Recipe;
        recipe.Validate();
        if (untilStep < 1 || untilStep > recipe.TotalSteps)
        {
            throw new UserInputException($"--steps must be in [1, {recipe.TotalSteps}] (the schedule's length), got {untilStep}");
        }
        var device = TorchRuntime.ResolveDevice(recipe.Device);
        var modelConfig = recipe.ModelConfig();
        config.Save(runDirectory);
        // What an interrupted run left under temporary names (plots, metrics; checkpoints clean their own folder).
        AtomicFile.CleanStale(runDirectory);

        manual_seed(recipe.Seed);
        using var model = new PretrainModel(modelConfig);
        model.to(device);
        using var trainStep = new PretrainStep(model, recipe);

        var store = new CheckpointStore(runDirectory);
        // a checkpoint write killed mid-way (kill -9) left a temporary folder
        store.RemoveInterruptedWrites();
        var startStep = store.LatestStep() ?? 0;
        if (startStep > 0)
        {
            store.Load(startStep, model, trainStep.Optimizer);
        }

        using var metrics = MetricsCsv.Open(Path.Combine(runDirectory, "metrics.csv"), MetricColumns, resumeStep: startStep + 1);
        using var events = new TensorBoardEventWriter(Path.Combine(runDirectory, "tensorboard"));
        var workers = recipe.DataWorkers > 0 ? recipe.DataWorkers : Math.Clamp(Environment.ProcessorCount, 1, 4);
        using var batches = new OrderedPrefetcher<PretrainBatch>(
            pass => PretrainBatch.Make(recipe, modelConfig, source, pass),
            start: startStep * recipe.Accumulation,
            capacity: Math.Max(2, workers * 2),
            workers: workers);

        var clock = Stopwatch.StartNew();
        double firstLoss = double.NaN, lastLoss = double.NaN;
        var clips = 0L;
        var args = config.Args();
        for (var step = startStep; step < untilStep; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (stepLoss, lr) = trainStep.Run(step, batches.Take);
            clips += (long)recipe.BatchSize * recipe.Accumulation;
            if (!double.IsFinite(stepLoss))
            {
                throw new NonFiniteLossException(step + 1, stepLoss, store.LatestStep());
            }

            var done = step + 1;
            firstLoss = double.IsNaN(firstLoss) ? stepLoss : firstLoss;
            lastLoss = stepLoss;
            var seconds = clock.Elapsed.TotalSeconds;
            var clipsPerSecond = clips / Math.Max(seconds, 1e-9);
            var waitShare = batches.WaitTime.TotalSeconds / Math.Max(seconds, 1e-9);
            metrics.Append(done, stepLoss, lr, clipsPerSecond, waitShare);
            events.WriteScalars(done, [("train/loss", (float)stepLoss), ("train/lr", (float)lr), ("perf/clips_per_s", (float)clipsPerSecond), ("perf/data_wait", (float)waitShare)]);
            if (done % recipe.CheckpointEvery == 0 || done == untilStep || keepSteps?.Contains(done) == true)
            {
                var epoch = done * recipe.TotalBatch / recipe.EpochSize;
                store.Save(done, epoch, model, trainStep.Optimizer, args, keepLast: 3, pinned: keepSteps);
            }
            progress?.Report(new PretrainProgress(done, untilStep, stepLoss, lr, clipsPerSecond, waitShare));
        }
        SaveFigures(runDirectory, model, recipe, modelConfig, source);
        var total = clock.Elapsed.TotalSeconds;
        var meanClipsPerSecond = clips / Math.Max(total, 1e-9);
        var clipFlops = ModelFlops.PretrainStep(modelConfig, new MaskGenerator(modelConfig.Encoder, recipe.MaskRatio, recipe.Masking).MaskedPerSample, 1);
        return new PretrainResult(startStep, Math.Max(startStep, untilStep), firstLoss, lastLoss,
            meanClipsPerSecond, batches.WaitTime.TotalSeconds / Math.Max(total, 1e-9), meanClipsPerSecond * clipFlops / 1e9);
    }
}

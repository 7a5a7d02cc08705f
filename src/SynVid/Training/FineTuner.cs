using System.Diagnostics;
using SynVid.Datasets;
using SynVid.Datasets.Downstream;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Reporting;
using SynVid.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>
/// Fine-tuning (docs/reference-behaviour.md §5.3), one clear loop: per optimiser step take the prefetched batch (a pure function of
/// seed, epoch and step), set every group's lr to the warm-up + cosine schedule × its layer-decay scale, soft-target
/// cross-entropy, backward, optional clipping, AdamW. After each epoch: validation top-1 and a checkpoint. At the end:
/// the multi-view test, <c>results.json</c> and <c>checkpoint-final.pth</c>. A run folder with checkpoints resumes from
/// the latest one and reproduces the uninterrupted run on the CPU.
/// </summary>
public static class FineTuner
{
    /// <summary>Column names of <c>metrics.csv</c>.</summary>
    public static IReadOnlyList<string> MetricColumns { get; } = ["step", "epoch", "loss", "lr", "clips_per_s", "data_wait"];

    /// <summary>Column names of <c>validation.csv</c> (one row per validated epoch; step = optimiser steps done).</summary>
    public static IReadOnlyList<string> ValidationColumns { get; } = ["step", "epoch", "val_top1", "train_loss"];

    /// <summary>The final weights (reference layout with <c>args</c>), for <c>synvid evaluate</c>.</summary>
    public const string FinalCheckpoint = "checkpoint-final.pth";

    /// <summary>Runs (or resumes) the fine-tuning in <paramref name="runDirectory"/>.</summary>
    public static DownstreamResult Run(
        string runDirectory,
        FineTuneRunConfig config,
        DownstreamData data,
        IProgress<DownstreamProgress>? progress = null,
        Action<LoadReport>? initLoaded = null,
        CancellationToken cancellation = default)
    {
        var (resolved, weights) = DownstreamSetup.Resolve(runDirectory, config, data);
        config = resolved;
        var recipe = config.Recipe;
        var device = TorchRuntime.ResolveDevice(recipe.Device);
        var classes = data.ClassNames.Count;
        var (model, report) = DownstreamSetup.CreateModel(recipe, classes, weights);
        weights?.Dispose();
        using var _ = model;
        if (report is not null)
        {
            initLoaded?.Invoke(report);
        }
        model.to(device);
        var depth = model.Config.Encoder.Depth;
        var groups = ParameterGroups.Build(model.named_parameters().Select(p => (p.name, p.parameter)), recipe.WeightDecay,
            ParameterGroups.DefaultSkip, depth, recipe.LayerDecay);
        using var optimizer = OptimizerFactory.AdamW(groups, recipe.Beta1, recipe.Beta2, recipe.Eps);

        var clips = DownstreamSetup.TrainingClips(data);
        var perEpoch = recipe.StepsPerEpoch(clips.Count);
        var schedule = recipe.Schedule(clips.Count);
        var totalSteps = (long)recipe.Epochs * perEpoch;
        var store = new CheckpointStore(runDirectory);
        // a checkpoint write killed mid-way (kill -9) left a temporary folder
        store.RemoveInterruptedWrites();
        var startStep = store.LatestStep() ?? 0;
        if (startStep > 0)
        {
            store.Load(startStep, model, optimizer);
        }
        var startEpoch = (int)(startStep / perEpoch);
        var args = config.Args(recipe.Stride!.Value, model.Config);

        using var log = new DownstreamRunLog(runDirectory, startStep, totalSteps, perEpoch, progress);
        var workers = recipe.DataWorkers > 0 ? recipe.DataWorkers : Math.Clamp(Environment.ProcessorCount, 1, 4);
        using (var batches = new OrderedPrefetcher<FineTuneBatch>(
            g => FineTuneBatch.Make(recipe, clips, (int)(g / perEpoch), (int)(g % perEpoch)),
            start: startStep, capacity: Math.Max(2, workers * 2), workers: workers))
        {
            for (var step = startStep; step < totalSteps; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var epoch = (int)(step / perEpoch);
                model.train();
                double loss, lr = schedule.At(step);
                using (GcQuietRegion.Enter())
                using (NewDisposeScope())
                using (var batch = batches.Take())
                {
                    loss = FineTuneStep.Run(model, optimizer, groups, batch, lr, recipe.ClipGrad, device);
                }
                if (!double.IsFinite(loss))
                {
                    throw new NonFiniteLossException(step + 1, loss, store.LatestStep());
                }
                var done = step + 1;
                if (!log.Step(done, epoch, loss, lr, recipe.ClipsPerStep, batches.WaitTime))
                {
                    continue;
                }
                // end of an epoch: validate, then checkpoint (so a resume never repeats a validated epoch)
                var trainLoss = log.EndEpoch(done);
                if (log.Validates(recipe, epoch, done))
                {
                    var top1 = DownstreamEvaluation.ValidationTop1(model.forward, model, data, recipe, device,
                        log.ValidationProgress(epoch, data.Splits.Validation.Count, lr));
                    log.Validated(done, epoch, top1, trainLoss);
                }
                store.Save(done, epoch + 1, model, optimizer, args, keepLast: 2);
            }
        }
        var trainSeconds = log.Seconds;
        DownstreamSetup.SaveCurves(runDirectory, $"fine-tuning on {data.Splits.Name}");

        CheckpointWriter.Save(Path.Combine(runDirectory, FinalCheckpoint), model, new Dictionary<string, object>
        {
            ["epoch"] = (long)recipe.Epochs,
            ["args"] = args.ToDictionary(kv => kv.Key, kv => kv.Value),
        });
        var testClock = Stopwatch.StartNew();
        var test = DownstreamEvaluation.Test(runDirectory, model.forward, model, data, config, device,
            log.TestProgress(recipe.Epochs, data.Splits.Test.Count), cancellation);
        return new DownstreamResult(config, startEpoch, report, log.LastLoss, log.Top1, test, trainSeconds, testClock.Elapsed.TotalSeconds,
            log.ClipsDone / Math.Max(trainSeconds, 1e-9));
    }
}

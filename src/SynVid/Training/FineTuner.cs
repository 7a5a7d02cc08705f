using SynVid.Datasets.Downstream;
using SynVid.Model;
using SynVid.Model.Checkpoints;
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
        using var run = DownstreamRun.Open(runDirectory, config, data, initLoaded);
        var (recipe, model, device) = (run.Recipe, run.Model, run.Device);
        model.to(device);
        var depth = model.Config.Encoder.Depth;
        var groups = ParameterGroups.Build(model.named_parameters().Select(p => (p.name, p.parameter)), recipe.WeightDecay,
            ParameterGroups.DefaultSkip, depth, recipe.LayerDecay);
        using var optimizer = OptimizerFactory.AdamW(groups, recipe.Beta1, recipe.Beta2, recipe.Eps);
        run.LoadCheckpoint(model, optimizer);

        using var log = run.OpenLog(progress);
        using (var batches = run.Batches())
        {
            for (var step = run.StartStep; step < run.TotalSteps; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var epoch = (int)(step / run.PerEpoch);
                model.train();
                double loss, lr = run.Schedule.At(step);
                using (GcQuietRegion.Enter())
                using (NewDisposeScope())
                using (var batch = batches.Take())
                {
                    loss = FineTuneStep.Run(model, optimizer, groups, batch, lr, recipe.ClipGrad, device);
                }
                if (!double.IsFinite(loss))
                {
                    throw new NonFiniteLossException(step + 1, loss, run.Store.LatestStep());
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
                run.Store.Save(done, epoch + 1, model, optimizer, run.Args, keepLast: 2);
            }
        }
        return run.Finish(log, "fine-tuning", cancellation);
    }
}

using System.Diagnostics;
using SynVid.Concurrency;
using SynVid.Datasets;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Video;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>
/// Linear probing (docs/reference-behaviour.md §5.4, SynVid defaults §9), one clear loop: the encoder is frozen (no gradients, eval
/// mode unless <see cref="FineTuneRecipe.ProbeBackboneTrainMode"/>), its fc_norm fresh (γ = 1, β = 0) and frozen;
/// only <see cref="LinearProbeHead"/> (dropout, BatchNorm1d without affine, Linear) trains, on the pooled features of
/// the same augmented, mixed batches as fine-tuning, or with <see cref="FineTuneRunConfig.CacheFeatures"/> on features
/// computed once per training video from a deterministic view. At the end the head is folded into the classifier's
/// Linear head, so <c>checkpoint-final.pth</c> is an ordinary classifier that <c>synvid evaluate</c> loads.
/// </summary>
public static class LinearProber
{
    private const long CacheStream = 31;

    /// <summary>Runs (or resumes) the linear probe in <paramref name="runDirectory"/>.</summary>
    public static DownstreamResult Run(
        string runDirectory,
        FineTuneRunConfig config,
        DownstreamData data,
        IProgress<DownstreamProgress>? progress = null,
        Action<LoadReport>? initLoaded = null,
        CancellationToken cancellation = default)
    {
        using var run = DownstreamRun.Open(runDirectory, config, data, initLoaded, resolved =>
        {
            if (resolved.CacheFeatures && resolved.Recipe.BatchSize < 2)
            {
                // one cached view per video: the head's BatchNorm needs at least two samples per step
                throw new UserInputException($"--cache-features needs a batch of at least 2 videos, got {resolved.Recipe.BatchSize}");
            }
        });
        config = run.Config;
        var (recipe, model, device, clips) = (run.Recipe, run.Model, run.Device, run.Clips);
        var classes = data.ClassNames.Count;
        // the probe sees a fresh fc_norm whatever the checkpoint holds (§5.4)
        model.ResetHead();
        foreach (var p in model.parameters())
        {
            p.requires_grad = false;
        }
        model.to(device);
        model.train(recipe.ProbeBackboneTrainMode);
        manual_seed(recipe.Seed + 1);
        using var head = new LinearProbeHead(model.Config.Encoder.EmbedDim, classes, recipe.FcDropout, model.Config.InitScale);
        head.to(device);
        var groups = ParameterGroups.Build(head.named_parameters().Select(p => (p.name, p.parameter)), recipe.WeightDecay, ParameterGroups.DefaultSkip);
        using var optimizer = OptimizerFactory.AdamW(groups, recipe.Beta1, recipe.Beta2, recipe.Eps);
        run.LoadCheckpoint(head, optimizer);

        double? featureSeconds = null;
        Tensor? cache = null;
        if (config.CacheFeatures)
        {
            var featureClock = Stopwatch.StartNew();
            cache = FeatureCache(model, data, recipe, device,
                new InlineProgress<int>(v => progress?.Report(new DownstreamProgress("features", v, clips.Count, 0, double.NaN, 0, 0, null))));
            featureSeconds = featureClock.Elapsed.TotalSeconds;
        }
        using var cached = cache;
        var trainLabels = data.Splits.Train.Select(v => (long)v.Label).ToArray();
        var mixing = recipe.Mixing();

        using var log = run.OpenLog(progress);
        using (var batches = cached is null ? run.Batches() : null)
        {
            for (var step = run.StartStep; step < run.TotalSteps; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var epoch = (int)(step / run.PerEpoch);
                var lr = run.Schedule.At(step);
                head.train();
                double loss;
                using (GcQuietRegion.Enter())
                using (NewDisposeScope())
                {
                    Tensor features, targets;
                    if (cached is not null)
                    {
                        var entries = FineTuneBatch.EpochOrder(recipe.Seed, epoch, clips.Count).AsSpan((int)(step % run.PerEpoch) * recipe.BatchSize, recipe.BatchSize).ToArray();
                        features = cached.index_select(0, tensor(entries.Select(e => (long)e).ToArray()).to(device));
                        targets = mixing.Targets(entries.Select(e => trainLabels[e]).ToArray(), classes, 1).to(device);
                    }
                    else
                    {
                        using var batch = batches!.Take();
                        using (no_grad())
                        {
                            features = model.Embedding(batch.Clips.to(device));
                        }
                        targets = batch.Targets.to(device);
                    }
                    OptimizerFactory.SetLearningRate(optimizer, groups, lr);
                    optimizer.zero_grad();
                    var lossTensor = SoftTargetCrossEntropy.Loss(head.forward(features), targets);
                    loss = lossTensor.item<float>();
                    if (double.IsFinite(loss))
                    {
                        lossTensor.backward();
                        if (recipe.ClipGrad is { } maxNorm)
                        {
                            nn.utils.clip_grad_norm_(head.parameters(), maxNorm);
                        }
                        optimizer.step();
                    }
                }
                if (!double.IsFinite(loss))
                {
                    throw new NonFiniteLossException(step + 1, loss, run.Store.LatestStep());
                }
                var done = step + 1;
                var clipsThisStep = cached is not null ? recipe.BatchSize : recipe.ClipsPerStep;
                if (!log.Step(done, epoch, loss, lr, clipsThisStep, batches?.WaitTime ?? TimeSpan.Zero))
                {
                    continue;
                }
                var trainLoss = log.EndEpoch(done);
                if (log.Validates(recipe, epoch, done))
                {
                    head.eval();
                    var top1 = DownstreamEvaluation.ValidationTop1(x => head.forward(model.Embedding(x)), model, data, recipe, device,
                        log.ValidationProgress(epoch, data.Splits.Validation.Count, lr));
                    model.train(recipe.ProbeBackboneTrainMode);
                    log.Validated(done, epoch, top1, trainLoss);
                }
                run.Store.Save(done, epoch + 1, head, optimizer, run.Args, keepLast: 2);
            }
        }
        var epochsRun = Math.Max(1, run.TotalSteps - run.StartStep) / (double)run.PerEpoch;
        return run.Finish(log, "linear probe", cancellation,
            finalWeights: () =>
            {
                FoldHead(model, head);
                model.eval();
            },
            testFields: trainSeconds => new Dictionary<string, object?>
            {
                ["cache_features"] = config.CacheFeatures,
                ["feature_seconds"] = featureSeconds is { } f ? Math.Round(f, 2) : null,
                ["train_seconds"] = Math.Round(trainSeconds, 2),
                ["seconds_per_epoch"] = Math.Round(trainSeconds / epochsRun, 3),
                ["backbone_train_mode"] = recipe.ProbeBackboneTrainMode,
            },
            featureSeconds);
    }

    /// <summary>
    /// The pooled features (N, D) of every training video, each from one deterministic view: a training window drawn
    /// from the (seed, entry) stream, short side resized to the input size, centre crop; no augmentation.
    /// </summary>
    public static Tensor FeatureCache(VideoClassifier model, DownstreamData data, FineTuneRecipe recipe, Device device, IProgress<int>? done = null)
    {
        var count = data.Splits.Train.Count;
        var batch = recipe.EvalBatch;
        var batches = (count + batch - 1) / batch;
        var workers = Math.Max(1, Environment.ProcessorCount / 2);
        var parts = new List<Tensor>(batches);
        try
        {
            using var prepared = new OrderedPrefetcher<Tensor?>(
                b => b < batches ? CachedViews(data, recipe, (int)b * batch, Math.Min(count, ((int)b + 1) * batch)) : null,
                0, capacity: 2 * workers, workers);
            for (var b = 0; b < batches; b++)
            {
                using var clips = prepared.Take()!;
                using var quiet = GcQuietRegion.Enter();
                using var noGrad = no_grad();
                parts.Add(model.Embedding(clips.to(device)).detach());
                done?.Report(Math.Min(count, (b + 1) * batch));
            }
            return cat(parts, 0);
        }
        finally
        {
            foreach (var p in parts)
            {
                p.Dispose();
            }
        }
    }

    /// <summary>
    /// The cached view of training videos [<paramref name="from"/>, <paramref name="to"/>): (B, C, T, S, S) normalised
    /// clips, the input of every probe on cached features.
    /// </summary>
    public static Tensor CachedViews(DownstreamData data, FineTuneRecipe recipe, int from, int to)
    {
        var clips = new Tensor[to - from];
        try
        {
            for (var i = from; i < to; i++)
            {
                var frames = data.TrainClip(i, FineTuneBatch.StreamRandom(recipe.Seed, CacheStream, 0, 0, i));
                var (rw, rh) = ViewGeometry.ShortSideResize(frames[0].Width, frames[0].Height, recipe.InputSize);
                var resized = FrameOps.ResizeBilinear(frames, rw, rh);
                clips[i - from] = ClipTensor.ToModelInput(resized, ViewGeometry.CenterCrop(rw, rh, recipe.InputSize), recipe.InputSize, VideoNormalization.ImageNet);
            }
            return stack(clips);
        }
        finally
        {
            foreach (var c in clips)
            {
                c?.Dispose();
            }
        }
    }

    /// <summary>Writes the eval-mode probe head (BatchNorm folded into the Linear) into the classifier's <c>head</c>.</summary>
    public static void FoldHead(VideoClassifier model, LinearProbeHead head)
    {
        var (weight, bias) = head.Folded();
        using (weight)
        using (bias)
        using (no_grad())
        {
            var state = model.state_dict();
            state["head.weight"].copy_(weight);
            state["head.bias"].copy_(bias);
        }
    }
}

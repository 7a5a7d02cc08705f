using System.Diagnostics;
using SynVid.Concurrency;
using SynVid.Datasets.Downstream;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>
/// The set-up and wrap-up that fine-tuning and linear probing share, so both open, resume and finish a run folder
/// the same way. Set-up (<see cref="Open"/>): the resolved config (<see cref="DownstreamSetup.Resolve"/>), the device,
/// the seeded classifier with its initial weights, the training clips, schedule and step counts, and the step to
/// resume from. Between the two the trainer builds its optimiser, calls <see cref="LoadCheckpoint"/>, opens the
/// <see cref="DownstreamRunLog"/> and runs its loop over <see cref="Batches"/>. Wrap-up (<see cref="Finish"/>): the
/// curves, <c>checkpoint-final.pth</c>, the multi-view test and the <see cref="DownstreamResult"/>.
/// </summary>
public sealed class DownstreamRun : IDisposable
{
    private DownstreamRun(string runDirectory, FineTuneRunConfig config, DownstreamData data, Device device, VideoClassifier model, LoadReport? init)
    {
        RunDirectory = runDirectory;
        Config = config;
        Data = data;
        Device = device;
        Model = model;
        Init = init;
        Clips = DownstreamSetup.TrainingClips(data);
        PerEpoch = Recipe.StepsPerEpoch(Clips.Count);
        Schedule = Recipe.Schedule(Clips.Count);
        TotalSteps = (long)Recipe.Epochs * PerEpoch;
        Store = new CheckpointStore(runDirectory);
        // a checkpoint write killed mid-way (kill -9) left a temporary folder
        Store.RemoveInterruptedWrites();
        StartStep = Store.LatestStep() ?? 0;
        Args = config.Args(Recipe.Stride!.Value, model.Config);
    }

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; }

    /// <summary>The resolved config: the saved one on resume, else the given one with the stride, model size and class names filled in.</summary>
    public FineTuneRunConfig Config { get; }

    /// <summary>The recipe of <see cref="Config"/>.</summary>
    public FineTuneRecipe Recipe => Config.Recipe;

    /// <summary>The downstream dataset.</summary>
    public DownstreamData Data { get; }

    /// <summary>Where the model trains.</summary>
    public Device Device { get; }

    /// <summary>The classifier, seeded and with the initial weights loaded, still on the CPU; disposed with the run.</summary>
    public VideoClassifier Model { get; }

    /// <summary>What loading the initial weights reported (null on resume or random init).</summary>
    public LoadReport? Init { get; }

    /// <summary>The training side of the dataset for the batch builder.</summary>
    public TrainingClips Clips { get; }

    /// <summary>Optimiser steps per epoch.</summary>
    public int PerEpoch { get; }

    /// <summary>The warm-up + cosine learning-rate schedule.</summary>
    public CosineSchedule Schedule { get; }

    /// <summary>Optimiser steps of the whole run.</summary>
    public long TotalSteps { get; }

    /// <summary>The run's checkpoints.</summary>
    public CheckpointStore Store { get; }

    /// <summary>The optimiser steps already done: the latest checkpoint's step, 0 for a new run.</summary>
    public long StartStep { get; }

    /// <summary>The reference's <c>args</c> saved with every checkpoint.</summary>
    public IReadOnlyDictionary<string, object> Args { get; }

    /// <summary>
    /// Resolves the config against the run folder, creates the classifier with its initial weights (reported to
    /// <paramref name="initLoaded"/>) and finds the step to resume from. <paramref name="check"/> sees the resolved
    /// config before the model is built, for a trainer's own preconditions.
    /// </summary>
    public static DownstreamRun Open(string runDirectory, FineTuneRunConfig config, DownstreamData data, Action<LoadReport>? initLoaded = null,
        Action<FineTuneRunConfig>? check = null)
    {
        var (resolved, weights) = DownstreamSetup.Resolve(runDirectory, config, data);
        Device device;
        VideoClassifier model;
        LoadReport? report;
        using (weights)
        {
            check?.Invoke(resolved);
            device = TorchRuntime.ResolveDevice(resolved.Recipe.Device);
            (model, report) = DownstreamSetup.CreateModel(resolved.Recipe, data.ClassNames.Count, weights);
        }
        try
        {
            if (report is not null)
            {
                initLoaded?.Invoke(report);
            }
            return new DownstreamRun(runDirectory, resolved, data, device, model, report);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>On resume, loads the latest checkpoint into what trains (<paramref name="trained"/>) and its optimiser.</summary>
    public void LoadCheckpoint(nn.Module trained, OptimizerHelper optimizer)
    {
        if (StartStep > 0)
        {
            Store.Load(StartStep, trained, optimizer);
        }
    }

    /// <summary>Opens the run's logs at <see cref="StartStep"/>; its clock, the training time, starts now.</summary>
    public DownstreamRunLog OpenLog(IProgress<DownstreamProgress>? progress) => new(RunDirectory, StartStep, TotalSteps, PerEpoch, progress);

    /// <summary>
    /// The augmented training batches from <see cref="StartStep"/> on, global step g being batch g % <see cref="PerEpoch"/>
    /// of epoch g / <see cref="PerEpoch"/>, prepared on the recipe's data workers (default: one per core, at most 4).
    /// </summary>
    public OrderedPrefetcher<FineTuneBatch> Batches()
    {
        var (recipe, clips, perEpoch) = (Recipe, Clips, PerEpoch);
        var workers = recipe.DataWorkers > 0 ? recipe.DataWorkers : Math.Clamp(Environment.ProcessorCount, 1, 4);
        return new OrderedPrefetcher<FineTuneBatch>(g => FineTuneBatch.Make(recipe, clips, (int)(g / perEpoch), (int)(g % perEpoch)),
            start: StartStep, capacity: Math.Max(2, workers * 2), workers: workers);
    }

    /// <summary>
    /// Ends the run: the training time, <c>loss.png</c> and <c>accuracy.png</c> titled "<paramref name="title"/> on DATASET",
    /// then <paramref name="finalWeights"/> (what the trainer writes into <see cref="Model"/> first, if anything),
    /// <c>checkpoint-final.pth</c>, the multi-view test (<paramref name="testFields"/>, given the training seconds,
    /// adds fields to <c>results.json</c>) and the result.
    /// </summary>
    public DownstreamResult Finish(DownstreamRunLog log, string title, CancellationToken cancellation, Action? finalWeights = null,
        Func<double, IReadOnlyDictionary<string, object?>>? testFields = null, double? featureSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var trainSeconds = log.Seconds;
        DownstreamSetup.SaveCurves(RunDirectory, $"{title} on {Data.Splits.Name}");
        finalWeights?.Invoke();
        CheckpointWriter.Save(Path.Combine(RunDirectory, FineTuner.FinalCheckpoint), Model, new Dictionary<string, object>
        {
            ["epoch"] = (long)Recipe.Epochs,
            ["args"] = Args.ToDictionary(kv => kv.Key, kv => kv.Value),
        });
        var testClock = Stopwatch.StartNew();
        var test = DownstreamEvaluation.Test(RunDirectory, Model.forward, Model, Data, Config, Device,
            log.TestProgress(Recipe.Epochs, Data.Splits.Test.Count), cancellation, testFields?.Invoke(trainSeconds));
        return new DownstreamResult(Config, (int)(StartStep / PerEpoch), Init, log.LastLoss, log.Top1, test, trainSeconds, testClock.Elapsed.TotalSeconds,
            log.ClipsDone / Math.Max(trainSeconds, 1e-9), featureSeconds);
    }

    /// <summary>Disposes the classifier.</summary>
    public void Dispose() => Model.Dispose();
}

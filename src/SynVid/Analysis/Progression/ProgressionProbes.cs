using System.Diagnostics;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Runtime;
using SynVid.Training;

namespace SynVid.Analysis.Progression;

/// <summary>
/// The k-NN and attentive probe steps of a progression (DIR/ARM/knn, DIR/ARM/attentive): both read the frozen
/// encoder of the arm's pre-training (scratch: the random initialisation) through <see cref="ProbeFeatures"/>, computed
/// with the linear-probe recipe (so every probe trains on the same cached view per training video) once per arm and
/// invocation, and write an evaluation folder as the other downstream steps (results.json, predictions.csv, …).
/// An interrupted probe step reruns from the start: it takes seconds once the features exist. The data is opened as
/// the plan says (<see cref="ProgressionPlan.DownstreamOptions"/>), and each step lists the bad videos it left out in
/// its skipped.csv.
/// </summary>
public sealed class ProgressionProbes(ProgressionPlan plan, string directory) : IDisposable
{
    // the probes train on the training split and test on the test split; they never validate
    private static readonly IReadOnlySet<string> _splits = SplitNames.Of(SplitNames.Train, SplitNames.Test);

    private string? _arm;
    private ProbeFeatures? _features;
    private double _featureSeconds;
    private string? _checkpoint;
    private IReadOnlyList<SkippedVideo> _skipped = [];

    /// <summary>Runs the k-NN probe of <paramref name="arm"/> into <paramref name="stepDir"/>.</summary>
    public void Knn(ProgressionArm arm, string stepDir, Action<long, long, string> report, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(arm);
        var recipe = plan.Preset.KnnRecipe();
        var features = Features(arm, report, cancellation);
        report(0, 1, "k-NN");
        var result = KnnProbe.Evaluate(features, recipe);
        EvaluationReport.Write(stepDir, result, Fields("knn", new Dictionary<string, object?>
        {
            ["neighbours"] = recipe.Neighbours,
            ["temperature"] = recipe.Temperature,
        }));
        ProgressionRunner.WriteSkipped(stepDir, _skipped);
    }

    /// <summary>Trains and tests the attentive probe of <paramref name="arm"/> into <paramref name="stepDir"/>.</summary>
    public void Attentive(ProgressionArm arm, string stepDir, Action<long, long, string> report, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(arm);
        var recipe = plan.Preset.AttentiveRecipe(plan.Seed);
        var features = Features(arm, report, cancellation);
        var device = TorchRuntime.ResolveDevice(plan.Preset.LinearProbe(plan.Seed).Device);
        var clock = Stopwatch.StartNew();
        var (head, losses) = AttentiveProber.Train(
            features.TrainTokens!, features.TrainLabels, features.ClassNames.Count, features.Heads, recipe, device,
            (step, total, _) => report(step, total, "train"), cancellation);
        using var _ = head;
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var result = AttentiveProber.Evaluate(head, features, device);
        EvaluationReport.Write(stepDir, result, Fields("attentive", new Dictionary<string, object?>
        {
            ["epochs"] = recipe.Epochs,
            ["batch_size"] = recipe.BatchSize,
            ["lr"] = recipe.LearningRate,
            ["weight_decay"] = recipe.WeightDecay,
            ["heads"] = features.Heads,
            ["epoch_losses"] = losses.Select(l => Math.Round(l, 5)).ToArray(),
            ["train_seconds"] = Math.Round(trainSeconds, 2),
        }));
        ProgressionRunner.WriteSkipped(stepDir, _skipped);
    }

    /// <summary>Runs the pixel baseline on the views the probes see into <paramref name="stepDir"/>.</summary>
    public void Pixels(string stepDir, Action<long, long, string> report, CancellationToken cancellation)
    {
        var recipe = plan.Preset.LinearProbe(plan.Seed);
        var pixels = new PixelBaselineRecipe();
        var data = plan.OpenDownstream(recipe, _splits);
        var clock = Stopwatch.StartNew();
        using var features = ProbeFeatures.ComputePixels(recipe, data, pixels,
            new InlineProgress<DownstreamProgress>(p => report(p.Done, p.Total, p.Phase)), cancellation);
        var featureSeconds = clock.Elapsed.TotalSeconds;
        report(0, 1, "pixel baseline");
        var result = PixelBaseline.Evaluate(features, pixels);
        EvaluationReport.Write(stepDir, result, new Dictionary<string, object?>
        {
            ["mode"] = "pixels",
            ["dataset"] = plan.Downstream,
            ["seed"] = plan.Seed,
            ["feature_seconds"] = Math.Round(featureSeconds, 2),
            ["grid"] = pixels.Grid,
            ["c"] = pixels.C,
            ["iterations"] = pixels.Iterations,
        });
        ProgressionRunner.WriteSkipped(stepDir, data.SkippedIn(_splits));
    }

    /// <inheritdoc/>
    public void Dispose() => _features?.Dispose();

    private Dictionary<string, object?> Fields(string mode, Dictionary<string, object?> own)
    {
        var fields = new Dictionary<string, object?>
        {
            ["mode"] = mode,
            ["dataset"] = plan.Downstream,
            ["checkpoint"] = _checkpoint,
            ["seed"] = plan.Seed,
            ["feature_seconds"] = Math.Round(_featureSeconds, 2),
        };
        foreach (var (key, value) in own)
        {
            fields[key] = value;
        }
        return fields;
    }

    private ProbeFeatures Features(ProgressionArm arm, Action<long, long, string> report, CancellationToken cancellation)
    {
        if (_features is not null && _arm == arm.Name)
        {
            return _features;
        }
        _features?.Dispose();
        _features = null;
        var recipe = plan.Preset.LinearProbe(plan.Seed);
        _checkpoint = arm.Pretrains ? InitialWeights.Resolve(Path.Combine(directory, arm.Name, "pretrain")) : FineTuneRunConfig.NoCheckpoint;
        var data = plan.OpenDownstream(recipe, _splits);
        var clock = Stopwatch.StartNew();
        _features = ProbeFeatures.Compute(_checkpoint, recipe, data, tokens: plan.Preset.AttentiveProbe,
            new InlineProgress<DownstreamProgress>(p => report(p.Done, p.Total, p.Phase)), cancellation);
        _featureSeconds = clock.Elapsed.TotalSeconds;
        _skipped = data.SkippedIn(_splits);
        _arm = arm.Name;
        return _features;
    }
}

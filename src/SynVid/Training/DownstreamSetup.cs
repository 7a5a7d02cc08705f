using SynVid.Datasets.Downstream;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Reporting;
using SynVid.Serialization;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>What fine-tuning and linear probing share: the resolved run config, the classifier and its initial weights.</summary>
public static class DownstreamSetup
{
    /// <summary>
    /// Checks the run folder against the config: a new run (no checkpoints) gets the model size of its initial
    /// checkpoint, the dataset's stride and class names, and its config.json; a resumed run keeps its saved config.
    /// Returns the config to train with, and for a new run the initial weights (the caller disposes them).
    /// </summary>
    public static (FineTuneRunConfig Config, StateDict? Weights) Resolve(string runDirectory, FineTuneRunConfig config, DownstreamData data)
    {
        config.Recipe.Validate();
        if (new CheckpointStore(runDirectory).LatestStep() is not null)
        {
            return (FineTuneRunConfig.Load(runDirectory), null);
        }
        if (data.Splits.Train.Count < config.Recipe.BatchSize)
        {
            throw new UserInputException(
                $"{data.Splits.Name} has {data.Splits.Train.Count} training videos, fewer than one batch of {config.Recipe.BatchSize}; lower --batch");
        }
        StateDict? weights = null;
        var recipe = config.Recipe with { Stride = config.Recipe.Stride ?? data.Stride };
        if (config.Checkpoint != FineTuneRunConfig.NoCheckpoint)
        {
            weights = CheckpointReader.Read(config.Checkpoint);
            recipe = InitialWeights.MatchArchitecture(recipe, weights);
        }
        recipe.Validate();
        var resolved = config with { Recipe = recipe, ClassNames = data.ClassNames.ToList() };
        resolved.Save(runDirectory);
        // What an interrupted run left under temporary names (plots, metrics; checkpoints clean their own folder).
        AtomicFile.CleanStale(runDirectory);
        return (resolved, weights);
    }

    /// <summary>The training side of <paramref name="data"/> for the batch builder.</summary>
    public static TrainingClips TrainingClips(DownstreamData data)
    {
        var train = data.Splits.Train;
        return new TrainingClips(train.Count, data.ClassNames.Count, i => train[i].Label, data.TrainClip);
    }

    /// <summary>The classifier of the run, seeded, with the initial weights loaded (the report says what was missing or ignored).</summary>
    public static (VideoClassifier Model, LoadReport? Report) CreateModel(FineTuneRecipe recipe, int numClasses, StateDict? weights)
    {
        manual_seed(recipe.Seed);
        var model = new VideoClassifier(recipe.ClassifierConfig(numClasses));
        var report = weights is null ? null : InitialWeights.Load(model, weights);
        return (model, report);
    }

    /// <summary>Writes <c>loss.png</c> (training loss per step) and <c>accuracy.png</c> (validation top-1 per epoch) from the run's csv files.</summary>
    public static void SaveCurves(string runDirectory, string title)
    {
        var metrics = Path.Combine(runDirectory, "metrics.csv");
        if (File.Exists(metrics))
        {
            var (steps, values) = MetricsCsv.Read(metrics);
            LossCurvePlot.Save(Path.Combine(runDirectory, "loss.png"), steps, values["loss"], $"{title}: training loss");
        }
        var validation = Path.Combine(runDirectory, "validation.csv");
        if (File.Exists(validation))
        {
            var (steps, values) = MetricsCsv.Read(validation);
            if (steps.Length > 0)
            {
                LossCurvePlot.Save(Path.Combine(runDirectory, "accuracy.png"), steps, values["val_top1"], $"{title}: validation top-1 (%)", yLabel: "top-1 (%)");
            }
        }
    }
}

using SynVid.Concurrency;
using SynVid.Datasets;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>Validation (one view per video) and the final multi-view test of a fine-tuning or linear-probe run.</summary>
public static class DownstreamEvaluation
{
    private const long ValidationStream = 21;

    /// <summary>
    /// Top-1 (percent) on the validation split with the reference's validation view (docs/reference-behaviour.md §5.3): a training
    /// window (drawn once per video from the run seed, so epochs are compared on the same clips; a motion probe's fixed
    /// clip), short side resized to the input size, centre crop. <paramref name="logits"/> runs under no_grad in eval mode.
    /// </summary>
    public static double ValidationTop1(Func<Tensor, Tensor> logits, nn.Module model, DownstreamData data, FineTuneRecipe recipe, Device device, IProgress<int>? done = null)
    {
        var videos = data.Splits.Validation;
        var batch = recipe.EvalBatch;
        var batches = (videos.Count + batch - 1) / batch;
        var correct = 0;
        var counted = 0;
        var wasTraining = model.training;
        model.eval();
        try
        {
            var workers = Math.Max(1, Environment.ProcessorCount / 2);
            using var prepared = new OrderedPrefetcher<ValidationClips?>(
                b => b < batches ? ValidationBatch(data, recipe, (int)b * batch, Math.Min(videos.Count, ((int)b + 1) * batch)) : null,
                0, capacity: 2 * workers, workers);
            for (var b = 0; b < batches; b++)
            {
                using var clips = prepared.Take()!;
                if (clips.Clips is { } input)
                {
                    using var quiet = GcQuietRegion.Enter();
                    using var scope = NewDisposeScope();
                    using var noGrad = no_grad();
                    var predicted = logits(input.to(device)).argmax(1).cpu().data<long>().ToArray();
                    for (var i = 0; i < predicted.Length; i++)
                    {
                        correct += predicted[i] == videos[clips.Entries[i]].Label ? 1 : 0;
                    }
                    counted += predicted.Length;
                }
                done?.Report(Math.Min(videos.Count, (b + 1) * batch));
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return 100.0 * correct / Math.Max(1, counted);
    }

    /// <summary>The validation clip of <c>Splits.Validation[entry]</c>: (C, T, S, S) normalised.</summary>
    public static Tensor ValidationClip(DownstreamData data, FineTuneRecipe recipe, int entry)
    {
        var videos = data.Splits.Validation;
        var video = videos[entry];
        var info = data.Reader.Describe(video);
        var rng = FineTuneBatch.StreamRandom(recipe.Seed, ValidationStream, 0, 0, entry);
        var geometry = new EvaluationViews(data.ClipLength, data.Stride, recipe.InputSize, recipe.InputSize);
        var view = geometry.Validation(info.FrameCount, info.Width, info.Height, rng);
        var indices = data.Spec is MotionSpec ? data.TestBufferIndices(videos, entry) : view.Frames;
        var frames = FrameOps.ResizeBilinear(data.Reader.Read(video, indices), view.ResizedWidth, view.ResizedHeight);
        return ClipTensor.ToModelInput(frames, view.Box, recipe.InputSize, VideoNormalization.ImageNet);
    }

    // The clips of validation entries from..to−1 that can be read (the others are skipped or fail, by the policy).
    private static ValidationClips ValidationBatch(DownstreamData data, FineTuneRecipe recipe, int from, int to)
    {
        var clips = new List<Tensor>(to - from);
        var entries = new List<int>(to - from);
        try
        {
            for (var i = from; i < to; i++)
            {
                try
                {
                    clips.Add(ValidationClip(data, recipe, i));
                    entries.Add(i);
                }
                catch (BadVideoException e) when (data.TrySkip(e, data.Splits.Validation))
                {
                    // left out of the validation accuracy
                }
            }
            return new ValidationClips(clips.Count > 0 ? stack(clips) : null, [.. entries]);
        }
        finally
        {
            foreach (var c in clips)
            {
                c.Dispose();
            }
        }
    }

    // A validation batch and the entries its rows belong to.
    private sealed record ValidationClips(Tensor? Clips, int[] Entries) : IDisposable
    {
        public void Dispose() => Clips?.Dispose();
    }

    /// <summary>
    /// The multi-view test (§5.3) on the test split with the recipe's views (default: the dataset's), written to
    /// <paramref name="runDirectory"/> by <see cref="EvaluationReport"/> with the run's settings as extra fields.
    /// </summary>
    public static EvaluationResult Test(string runDirectory, Func<Tensor, Tensor> logits, nn.Module model, DownstreamData data, FineTuneRunConfig config,
        Device device, IProgress<int>? done = null, CancellationToken cancellation = default, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var recipe = config.Recipe;
        var views = new ViewCount(recipe.TestClips ?? data.Spec.DefaultTestClips, recipe.TestCrops);
        var evaluator = new MultiViewEvaluator(data, new EvaluationViews(data.ClipLength, data.Stride, recipe.InputSize, recipe.InputSize), views, recipe.EvalBatch);
        model.eval();
        var started = DateTime.UtcNow;
        var result = evaluator.Evaluate(x => logits(x.to(device)), data.Splits.Test, null, done, cancellation);
        var fields = new Dictionary<string, object?>
        {
            ["mode"] = config.Mode == DownstreamMode.FineTune ? "finetune" : "linprobe",
            ["dataset"] = data.Splits.Name,
            ["data"] = config.Data,
            ["checkpoint"] = config.Checkpoint,
            ["preset"] = config.Preset,
            ["model"] = recipe.Model,
            ["depth"] = recipe.ClassifierConfig(2).Encoder.Depth,
            ["num_frames"] = recipe.Frames,
            ["input_size"] = recipe.InputSize,
            ["stride"] = data.Stride,
            ["epochs"] = recipe.Epochs,
            ["batch_size"] = recipe.BatchSize,
            ["seed"] = recipe.Seed,
            ["test_seconds"] = Math.Round((DateTime.UtcNow - started).TotalSeconds, 2),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            fields[key] = value;
        }
        EvaluationReport.Write(runDirectory, result, fields);
        return result;
    }
}

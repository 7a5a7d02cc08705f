using SynVid.Concurrency;
using SynVid.Datasets;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Model.Checkpoints;
using SynVid.Runtime;
using SynVid.Video;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>
/// What the probes on cached features (<see cref="KnnProbe"/>, <see cref="AttentiveProber"/>) see of a frozen
/// encoder, computed once and shared: every training video's cached view (<see cref="LinearProber.CachedViews"/>, the
/// cached-feature linear probe's input) and every view of the multi-view test (docs/reference-behaviour.md §5.3), each as the clip
/// embedding (a fresh fc_norm of the token mean: what the linear probe sees) and optionally as the patch tokens after the
/// last block. Tensors live on the CPU in float32; test rows are grouped by video, <see cref="ViewCount.Total"/> of <see cref="Views"/> per video.
/// </summary>
public sealed class ProbeFeatures : IDisposable
{
    /// <summary>Wraps computed features (the instance owns the tensors).</summary>
    public ProbeFeatures(
        Tensor trainEmbeddings, Tensor? trainTokens, IReadOnlyList<int> trainLabels,
        Tensor testEmbeddings, Tensor? testTokens, IReadOnlyList<LabeledVideo> testVideos, ViewCount views,
        IReadOnlyList<string> classNames, int heads)
    {
        ArgumentNullException.ThrowIfNull(trainEmbeddings);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(testEmbeddings);
        ArgumentNullException.ThrowIfNull(testVideos);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(views);
        if (trainEmbeddings.shape[0] != trainLabels.Count || trainTokens is not null && trainTokens.shape[0] != trainLabels.Count)
        {
            throw new ArgumentException($"{trainLabels.Count} training labels for {trainEmbeddings.shape[0]} feature rows");
        }
        if (testEmbeddings.shape[0] != (long)testVideos.Count * views.Total || testTokens is not null && testTokens.shape[0] != testEmbeddings.shape[0])
        {
            throw new ArgumentException($"{testVideos.Count} test videos × {views.Total} views for {testEmbeddings.shape[0]} feature rows");
        }
        if ((trainTokens is null) != (testTokens is null))
        {
            throw new ArgumentException("tokens for one split only");
        }
        TrainEmbeddings = trainEmbeddings;
        TrainTokens = trainTokens;
        TrainLabels = trainLabels;
        TestEmbeddings = testEmbeddings;
        TestTokens = testTokens;
        TestVideos = testVideos;
        Views = views;
        ClassNames = classNames;
        Heads = heads;
    }

    /// <summary>Clip embeddings of the training videos, (N_train, D).</summary>
    public Tensor TrainEmbeddings { get; }

    /// <summary>Patch tokens of the training videos, (N_train, N, D), when computed.</summary>
    public Tensor? TrainTokens { get; }

    /// <summary>Training labels, one per row.</summary>
    public IReadOnlyList<int> TrainLabels { get; }

    /// <summary>Clip embeddings of the test views, (N_test · views, D), video-major.</summary>
    public Tensor TestEmbeddings { get; }

    /// <summary>Patch tokens of the test views, (N_test · views, N, D), when computed.</summary>
    public Tensor? TestTokens { get; }

    /// <summary>The test videos, in row order.</summary>
    public IReadOnlyList<LabeledVideo> TestVideos { get; }

    /// <summary>Views per test video (clips × crops).</summary>
    public ViewCount Views { get; }

    /// <summary>Class names in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Attention heads of the encoder (the attentive probe uses as many).</summary>
    public int Heads { get; }

    /// <summary>
    /// Runs the frozen encoder of <paramref name="checkpoint"/> (a checkpoint file, or <see cref="FineTuneRunConfig.NoCheckpoint"/>
    /// for a randomly initialised one, seeded by the recipe) over <paramref name="data"/> with the geometry, seed and test
    /// views of <paramref name="recipe"/>; <paramref name="tokens"/> keeps the patch tokens as well as the embeddings.
    /// </summary>
    public static ProbeFeatures Compute(
        string checkpoint, FineTuneRecipe recipe, DownstreamData data, bool tokens,
        IProgress<DownstreamProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(data);
        recipe = recipe with { Stride = recipe.Stride ?? data.Stride };
        var weights = checkpoint == FineTuneRunConfig.NoCheckpoint ? null : CheckpointReader.Read(checkpoint);
        Model.VideoClassifier model;
        try
        {
            if (weights is not null)
            {
                recipe = InitialWeights.MatchArchitecture(recipe, weights);
            }
            recipe.Validate();
            model = DownstreamSetup.CreateModel(recipe, data.ClassNames.Count, weights).Model;
        }
        finally
        {
            weights?.Dispose();
        }
        using var _ = model;
        model.ResetHead();
        foreach (var p in model.parameters())
        {
            p.requires_grad = false;
        }
        var device = TorchRuntime.ResolveDevice(recipe.Device);
        model.to(device);
        model.eval();

        return Compute(recipe, data, clips =>
        {
            var features = model.Features(clips.to(device));
            return (model.Pool(features).cpu(), tokens ? features.cpu() : null);
        }, model.Config.Encoder.NumHeads, progress, cancellation);
    }

    /// <summary>
    /// The pixel baseline's features (<see cref="PixelBaseline.Features"/>) of the same views the probes see, in place
    /// of an encoder's embeddings (no tokens).
    /// </summary>
    public static ProbeFeatures ComputePixels(
        FineTuneRecipe recipe, DownstreamData data, PixelBaselineRecipe pixels,
        IProgress<DownstreamProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(pixels);
        recipe = recipe with { Stride = recipe.Stride ?? data.Stride };
        recipe.Validate();
        return Compute(recipe, data, clips => (PixelBaseline.Features(clips, pixels.Grid), null), heads: 0, progress, cancellation);
    }

    // Every training video's cached view and every test view through `encode` (run without gradients inside a dispose
    // scope; what it returns is kept), in the probes' order.
    private static ProbeFeatures Compute(
        FineTuneRecipe recipe, DownstreamData data, Func<Tensor, (Tensor Embeddings, Tensor? Tokens)> encode, int heads,
        IProgress<DownstreamProgress>? progress, CancellationToken cancellation)
    {
        var train = data.Splits.Train;
        var batch = recipe.EvalBatch;
        var batches = (train.Count + batch - 1) / batch;
        var views = new ViewCount(recipe.TestClips ?? data.Spec.DefaultTestClips, recipe.TestCrops);
        var test = data.Splits.Test;
        var evaluator = new MultiViewEvaluator(data, new EvaluationViews(data.ClipLength, data.Stride, recipe.InputSize, recipe.InputSize), views, batch);
        var total = train.Count + test.Count;
        var workers = Math.Max(1, Environment.ProcessorCount / 2);
        var trainParts = Encode(encode, batches, b => LinearProber.CachedViews(data, recipe, (int)b * batch, Math.Min(train.Count, ((int)b + 1) * batch)),
            workers, b => progress?.Report(new DownstreamProgress("features", Math.Min(train.Count, (b + 1) * batch), total, 0, double.NaN, 0, 0, null)), cancellation);
        var testParts = Encode(encode, test.Count, v => TestViews(evaluator, data, test, (int)v, recipe.InputSize),
            workers, v => progress?.Report(new DownstreamProgress("features", train.Count + v + 1, total, 0, double.NaN, 0, 0, null)), cancellation);
        // the test videos left out when read (--on-bad-video skip), as the multi-view test drops them
        IReadOnlyList<LabeledVideo> tested = testParts.Left.Count == 0 ? test : [.. test.Where((_, i) => !testParts.Left.Contains(i))];
        return new ProbeFeatures(
            trainParts.Embeddings, trainParts.Tokens, [.. train.Select(v => v.Label)],
            testParts.Embeddings, testParts.Tokens, tested, views, data.ClassNames, heads);
    }

    /// <summary>Clip embeddings L2-normalised per row (cosine similarity is then a dot product).</summary>
    public static Tensor Normalized(Tensor embeddings) => nn.functional.normalize(embeddings, p: 2, dim: 1);

    /// <summary>
    /// The predictions of per-view class probabilities (rows as the test rows): each video's mean over its views, as the
    /// multi-view test averages the softmax of each view.
    /// </summary>
    public EvaluationResult PerVideo(Tensor probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var classes = ClassNames.Count;
        using var mean = probabilities.to_type(ScalarType.Float32).reshape(TestVideos.Count, Views.Total, classes).mean([1]);
        var values = mean.data<float>().ToArray();
        var predictions = TestVideos
            .Select((v, i) => new VideoPrediction(v.Path, v.Label, values.AsSpan(i * classes, classes).ToArray()))
            .ToArray();
        return new EvaluationResult(ClassNames, predictions, Views);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        TrainEmbeddings.Dispose();
        TrainTokens?.Dispose();
        TestEmbeddings.Dispose();
        TestTokens?.Dispose();
    }

    // The views of one test video, or an empty tensor when the video cannot be read and the data's policy skips it.
    private static Tensor TestViews(MultiViewEvaluator evaluator, DownstreamData data, IReadOnlyList<LabeledVideo> videos, int video, int size)
    {
        IReadOnlyList<RgbImage[]> views;
        try
        {
            views = evaluator.ViewFrames(videos, video);
        }
        catch (BadVideoException e) when (data.TrySkip(e, videos))
        {
            return empty(0);
        }
        var clips = views.Select(f => ClipTensor.ToModelInput(f, null, size, VideoNormalization.ImageNet)).ToArray();
        try
        {
            return stack(clips);
        }
        finally
        {
            foreach (var c in clips)
            {
                c.Dispose();
            }
        }
    }

    // Runs `encode` over `count` prepared batches (made on background workers) and concatenates the outputs on the CPU;
    // an empty batch (an unreadable video that is skipped) is left out, and its index returned in Left.
    private static (Tensor Embeddings, Tensor? Tokens, HashSet<int> Left) Encode(
        Func<Tensor, (Tensor Embeddings, Tensor? Tokens)> encode, int count, Func<long, Tensor> make, int workers, Action<int> done, CancellationToken cancellation)
    {
        var embeddings = new List<Tensor>(count);
        var tokens = new List<Tensor>(count);
        var left = new HashSet<int>();
        try
        {
            using (var prepared = new OrderedPrefetcher<Tensor?>(i => i < count ? make(i) : null, 0, capacity: 2 * workers, workers))
            {
                for (var i = 0; i < count; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    using var clips = prepared.Take()!;
                    if (clips.shape[0] == 0)
                    {
                        left.Add(i);
                        done(i);
                        continue;
                    }
                    using (GcQuietRegion.Enter())
                    using (var scope = NewDisposeScope())
                    using (no_grad())
                    {
                        var (embedding, token) = encode(clips);
                        embeddings.Add(embedding.MoveToOuterDisposeScope());
                        if (token is not null)
                        {
                            tokens.Add(token.MoveToOuterDisposeScope());
                        }
                    }
                    done(i);
                }
            }
            if (embeddings.Count == 0)
            {
                throw new UserInputException("no video of the split can be read; every one was left out as a bad video");
            }
            return (cat(embeddings, 0), tokens.Count > 0 ? cat(tokens, 0) : null, left);
        }
        finally
        {
            foreach (var t in embeddings.Concat(tokens))
            {
                t.Dispose();
            }
        }
    }
}

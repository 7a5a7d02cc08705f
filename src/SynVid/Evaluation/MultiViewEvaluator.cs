using SynVid.Concurrency;
using SynVid.Datasets;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Evaluation.Perturbations;
using SynVid.Training;
using SynVid.Video;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Evaluation;

/// <summary>
/// Multi-view testing as the reference (docs/reference-behaviour.md §5.3): every stride-th frame of a video padded to the clip
/// length, short side resized, <c>clips</c> windows of consecutive buffer frames × <c>crops</c> crops along the long
/// side; the softmax of each view's logits is averaged per video (each view counted once). An optional
/// <see cref="IViewPerturbation"/> changes the buffer before each view is cut and the cropped uint8 frames of each
/// view (§6.1). Videos are decoded and their views prepared on background workers while the model runs. A video
/// that cannot be read stops the evaluation, or under <see cref="BadVideoPolicy.Skip"/> is left out of the result
/// and recorded by the dataset (<see cref="DownstreamData.SkippedIn"/>).
/// </summary>
public sealed class MultiViewEvaluator
{
    private readonly DownstreamData _data;
    private readonly EvaluationViews _geometry;
    private readonly ViewCount _views;
    private readonly int _batchSize;
    private readonly int _workers;
    private readonly TestBufferCache? _cache;

    /// <summary>Creates the evaluator.</summary>
    /// <param name="data">The dataset (its reader and buffer sampling).</param>
    /// <param name="geometry">Clip length, stride, short side and crop size of the model input.</param>
    /// <param name="views">Clips × crops per video.</param>
    /// <param name="batchSize">Views per forward pass.</param>
    /// <param name="workers">Background workers that decode and prepare videos (default: half the cores, at least 1).</param>
    /// <param name="cache">Keeps resized test buffers across calls (a robustness grid evaluates the same videos many times).</param>
    public MultiViewEvaluator(
        DownstreamData data, EvaluationViews geometry, ViewCount views, int batchSize = 16, int? workers = null, TestBufferCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (geometry.ClipLength != data.ClipLength)
        {
            throw new ArgumentException($"the model takes {geometry.ClipLength}-frame clips but the data gives {data.ClipLength}", nameof(geometry));
        }
        _data = data;
        _geometry = geometry;
        _views = views;
        _batchSize = batchSize;
        _workers = workers ?? Math.Max(1, Environment.ProcessorCount / 2);
        _cache = cache;
    }

    /// <summary>
    /// Evaluates <paramref name="logits"/> ((B, 3, T, H, W) normalised clips → (B, classes)) on
    /// <paramref name="videos"/> (a split of the dataset); it is called under <c>no_grad</c>.
    /// <paramref name="videosDone"/> receives the number of videos finished so far.
    /// </summary>
    public EvaluationResult Evaluate(
        Func<Tensor, Tensor> logits, IReadOnlyList<LabeledVideo> videos, IViewPerturbation? perturbation = null,
        IProgress<int>? videosDone = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(videos);
        var classes = _data.ClassNames.Count;
        var sums = new double[videos.Count][];
        var pending = new List<(int Video, Tensor View)>(_batchSize);
        var viewsLeft = new int[videos.Count];
        var finished = 0;

        void Flush()
        {
            if (pending.Count == 0)
            {
                return;
            }
            // no collection (and so no finalizer of an implicit Scalar) while libtorch runs the model: see GcQuietRegion
            using (GcQuietRegion.Enter())
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                var batch = stack(pending.Select(p => p.View).ToArray());
                var probabilities = nn.functional.softmax(logits(batch).to_type(ScalarType.Float32), 1).cpu().data<float>().ToArray();
                for (var b = 0; b < pending.Count; b++)
                {
                    var v = pending[b].Video;
                    var sum = sums[v] ??= new double[classes];
                    for (var c = 0; c < classes; c++)
                    {
                        sum[c] += probabilities[b * classes + c];
                    }
                    if (--viewsLeft[v] == 0)
                    {
                        videosDone?.Report(++finished);
                    }
                }
            }
            foreach (var p in pending)
            {
                p.View.Dispose();
            }
            pending.Clear();
        }

        using (var prefetch = new OrderedPrefetcher<PreparedVideo>(
            // the prefetcher runs ahead without bound; past the end it makes empty items
            i => i < videos.Count ? Prepare(videos, (int)i, perturbation) : new PreparedVideo([]), 0, capacity: 2 * _workers, _workers))
        {
            for (var v = 0; v < videos.Count; v++)
            {
                cancel.ThrowIfCancellationRequested();
                using var prepared = prefetch.Take();
                if (prepared.Unreadable)
                {
                    videosDone?.Report(++finished);
                    continue;
                }
                viewsLeft[v] = prepared.Views.Length;
                foreach (var view in prepared.TakeViews())
                {
                    pending.Add((v, view));
                    if (pending.Count == _batchSize)
                    {
                        Flush();
                    }
                }
            }
            Flush();
        }

        var predictions = new List<VideoPrediction>(videos.Count);
        for (var v = 0; v < videos.Count; v++)
        {
            // a video without sums was left out as unreadable
            if (sums[v] is { } sum)
            {
                var total = _views.Total;
                predictions.Add(new VideoPrediction(videos[v].Path, videos[v].Label, sum.Select(s => (float)(s / total)).ToArray()));
            }
        }
        if (predictions.Count == 0)
        {
            throw new UserInputException($"{_data.Splits.Name}: none of the {videos.Count} videos to evaluate can be read");
        }
        return new EvaluationResult(_data.ClassNames, predictions, _views);
    }

    /// <summary>
    /// The uint8 frames of every view of <c>videos[video]</c>, clip-major (the reference's order), after the
    /// perturbation: the inputs the model sees, before normalisation.
    /// </summary>
    public IReadOnlyList<RgbImage[]> ViewFrames(IReadOnlyList<LabeledVideo> videos, int video, IViewPerturbation? perturbation = null)
    {
        ArgumentNullException.ThrowIfNull(videos);
        IReadOnlyList<RgbImage> Resized()
        {
            var buffer = _data.TestBuffer(videos, video);
            var (w, h) = ViewGeometry.ShortSideResize(buffer[0].Width, buffer[0].Height, _geometry.ShortSide);
            return FrameOps.ResizeBilinear(buffer, w, h);
        }
        var resized = _cache is null ? Resized() : _cache.GetOrAdd($"{videos[video].Path}|{_data.Stride}|{_data.ClipLength}|{_geometry.ShortSide}", Resized);
        int rw = resized[0].Width, rh = resized[0].Height;
        var result = new List<RgbImage[]>(_views.Total);
        var viewIndex = 0;
        for (var k = 0; k < _views.Clips; k++)
        {
            for (var j = 0; j < _views.Crops; j++, viewIndex++)
            {
                IReadOnlyList<RgbImage> source = resized;
                if (perturbation is not null)
                {
                    source = TemporalPadding.PadFrames(perturbation.PerturbBuffer(resized, video, viewIndex), _geometry.ClipLength);
                }
                var start = ReferenceClipSampling.TestClipStart(source.Count, _geometry.ClipLength, k, _views.Clips);
                // square crops of the short side, as the reference (whose short side equals its crop size); the model input
                // is resized to CropSize only when the two differ
                var box = ViewGeometry.TestCrop(rw, rh, _geometry.ShortSide, j, _views.Crops);
                IReadOnlyList<RgbImage> frames = Enumerable.Range(start, _geometry.ClipLength)
                    .Select(t => FrameOps.Crop(source[t], box.X, box.Y, box.Width, box.Height))
                    .ToArray();
                if (perturbation is not null)
                {
                    frames = perturbation.PerturbView(frames, video, viewIndex);
                }
                result.Add([.. frames]);
            }
        }
        return result;
    }

    private PreparedVideo Prepare(IReadOnlyList<LabeledVideo> videos, int video, IViewPerturbation? perturbation)
    {
        IReadOnlyList<RgbImage[]> views;
        try
        {
            views = ViewFrames(videos, video, perturbation);
        }
        catch (BadVideoException e) when (_data.TrySkip(e, videos))
        {
            return new PreparedVideo([]) { Unreadable = true };
        }
        var tensors = new Tensor[views.Count];
        for (var i = 0; i < views.Count; i++)
        {
            tensors[i] = ClipTensor.ToModelInput(views[i], null, _geometry.CropSize, VideoNormalization.ImageNet);
        }
        return new PreparedVideo(tensors);
    }

    // The model inputs of one video's views; disposes those not taken.
    private sealed class PreparedVideo(Tensor[] views) : IDisposable
    {
        private bool _taken;

        public Tensor[] Views { get; } = views;

        // left out under the skip policy
        public bool Unreadable { get; init; }

        public Tensor[] TakeViews()
        {
            _taken = true;
            return Views;
        }

        public void Dispose()
        {
            if (!_taken)
            {
                foreach (var v in Views)
                {
                    v.Dispose();
                }
            }
        }
    }
}

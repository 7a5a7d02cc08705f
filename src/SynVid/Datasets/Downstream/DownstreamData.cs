using System.Collections.Concurrent;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Datasets.SynAction;
using SynVid.Video;

namespace SynVid.Datasets.Downstream;

/// <summary>
/// A validated labelled dataset with the reference's clip sampling (docs/reference-behaviour.md §5.3): training windows drawn from
/// the video, test buffers of every stride-th frame. For motion probes (<see cref="MotionSpec"/>) the clip of each
/// entry comes from <see cref="MotionProbe.ClipIndices"/> instead: a fresh draw per training epoch, a fixed draw per
/// test entry (seeded by the run seed, the split and the entry). Under <see cref="BadVideoPolicy.Skip"/> a video that
/// fails when it is read is left out (a training entry is replaced by the next readable one of its class) and
/// recorded with the videos skipped when the lists were checked (<see cref="SkippedIn"/>).
/// </summary>
public sealed class DownstreamData
{
    private readonly MotionTask? _motion;
    private readonly int _seed;
    private readonly ConcurrentDictionary<string, SkippedVideo> _readFailures = new(StringComparer.Ordinal);

    private DownstreamData(DatasetSpec spec, DatasetSplits splits, LabeledVideoReader reader, DownstreamDataOptions options)
    {
        Spec = spec;
        Splits = splits;
        Reader = reader;
        ClipLength = options.ClipLength;
        Stride = options.Stride ?? spec.DefaultFrameStride;
        OnBadVideo = options.OnBadVideo;
        _seed = options.Seed;
        _motion = (spec as MotionSpec)?.Task;
    }

    /// <summary>The dataset as named on the command line.</summary>
    public DatasetSpec Spec { get; }

    /// <summary>Class names and the videos of each split.</summary>
    public DatasetSplits Splits { get; }

    /// <summary>Class names in label order.</summary>
    public IReadOnlyList<string> ClassNames => Splits.ClassNames;

    /// <summary>Frames per clip.</summary>
    public int ClipLength { get; }

    /// <summary>Frame stride of clips.</summary>
    public int Stride { get; }

    /// <summary>Reads the frames of the listed videos.</summary>
    public LabeledVideoReader Reader { get; }

    /// <summary>What happens to a listed video that cannot be read.</summary>
    public BadVideoPolicy OnBadVideo { get; }

    /// <summary>Loads and validates the dataset <paramref name="spec"/> names (before any training starts).</summary>
    public static DownstreamData Open(DatasetSpec spec, DownstreamDataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new DownstreamDataOptions();
        if (options.ClipLength < 2)
        {
            throw new UserInputException($"clip length must be at least 2 frames, got {options.ClipLength}");
        }
        if (options.Stride is < 1)
        {
            throw new UserInputException($"frame stride must be at least 1, got {options.Stride}");
        }
        var synAction = new SynActionDataset(options.SynAction ?? (spec as SynActionSpec)?.Config ?? new SynActionConfig());
        var reader = new LabeledVideoReader(synAction, options.FrameCacheBytes);
        var load = new DatasetLoadOptions(options.OnBadVideo, options.SplitsDirectory, options.ProbeVideos ? reader.Probe : NonEmpty, options.Splits);
        var splits = DatasetCatalog.Load(spec, load, synAction.Config);
        return new DownstreamData(spec, splits, reader, options);
    }

    /// <summary>
    /// Native-resolution frames of the training window of <c>Splits.Train[entry]</c> (§5.3: a random window of
    /// ClipLength·Stride frames, or the whole video when it is shorter); every draw comes from <paramref name="rng"/>.
    /// Under <see cref="BadVideoPolicy.Skip"/> an unreadable video is replaced by the next readable entry of its
    /// class (the same one on every run), so labels stay right.
    /// </summary>
    public IReadOnlyList<RgbImage> TrainClip(int entry, Random rng)
    {
        var train = Splits.Train;
        var label = train[entry].Label;
        for (var k = 0; k < train.Count; k++)
        {
            var candidate = (entry + k) % train.Count;
            if (train[candidate].Label != label || _readFailures.ContainsKey(train[candidate].Path))
            {
                continue;
            }
            try
            {
                return Reader.Read(train[candidate], TrainIndices(candidate, rng));
            }
            catch (BadVideoException e) when (TrySkip(e, train))
            {
                // recorded; try the next entry of the class
            }
        }
        throw new UserInputException($"{Splits.Name}: no training video of class {ClassNames[label]} can be read");
    }

    /// <summary>
    /// Under <see cref="BadVideoPolicy.Skip"/>: records <paramref name="error"/> (a video of <paramref name="part"/>,
    /// a split of this dataset) as skipped and returns true; under <see cref="BadVideoPolicy.Fail"/> returns false.
    /// </summary>
    public bool TrySkip(BadVideoException error, IReadOnlyList<LabeledVideo> part)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (OnBadVideo != BadVideoPolicy.Skip)
        {
            return false;
        }
        _readFailures.TryAdd(error.Path, new SkippedVideo(error.Path, error.Reason, SplitOf(part)));
        return true;
    }

    /// <summary>The name of the split <paramref name="part"/> is (<see cref="SplitNames"/>; the test split when validation shares its list).</summary>
    public string SplitOf(IReadOnlyList<LabeledVideo> part) =>
        ReferenceEquals(part, Splits.Test) ? SplitNames.Test
        : ReferenceEquals(part, Splits.Validation) ? SplitNames.Validation
        : ReferenceEquals(part, Splits.Train) ? SplitNames.Train
        : "";

    /// <summary>
    /// The videos left out of <paramref name="splits"/> so far: those skipped when the lists were checked and those
    /// that failed when read, in list order of discovery.
    /// </summary>
    public IReadOnlyList<SkippedVideo> SkippedIn(IReadOnlySet<string> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        return Splits.Skipped.Concat(_readFailures.Values.OrderBy(v => v.Path, StringComparer.Ordinal))
            .Where(v => splits.Contains(v.Split))
            .DistinctBy(v => (v.Split, v.Path))
            .ToList();
    }

    /// <summary>Source frame indices of the training window of <c>Splits.Train[entry]</c>.</summary>
    public int[] TrainIndices(int entry, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var video = Splits.Train[entry];
        var length = Reader.Describe(video).FrameCount;
        if (_motion is { } task)
        {
            return MotionIndices(task, video, length, rng);
        }
        return ReferenceClipSampling.TrainIndices(length, ClipLength, Stride, rng);
    }

    /// <summary>
    /// Source frame indices of the test buffer of <c>part[entry]</c>: every stride-th frame padded with the last one
    /// to at least ClipLength (§5.3), or a motion-probe clip of exactly ClipLength frames.
    /// </summary>
    public int[] TestBufferIndices(IReadOnlyList<LabeledVideo> part, int entry)
    {
        ArgumentNullException.ThrowIfNull(part);
        var video = part[entry];
        var length = Reader.Describe(video).FrameCount;
        if (_motion is { } task)
        {
            var split = ReferenceEquals(part, Splits.Train) ? 0 : 1;
            var rng = new Random(unchecked((int)MotionProbe.ClipSeed(_seed, split, entry)));
            return MotionIndices(task, video, length, rng);
        }
        return ReferenceClipSampling.TestBufferIndices(length, ClipLength, Stride);
    }

    /// <summary>Native-resolution frames of the test buffer of <c>part[entry]</c> (see <see cref="TestBufferIndices"/>).</summary>
    public IReadOnlyList<RgbImage> TestBuffer(IReadOnlyList<LabeledVideo> part, int entry) =>
        Reader.Read(part[entry], TestBufferIndices(part, entry));

    private int[] MotionIndices(MotionTask task, LabeledVideo video, int length, Random rng) =>
        MotionProbe.ClipIndices(task, video.Label, length, rng, ClipLength, Stride)
        ?? throw new UserInputException(
            $"motion probe: {video.Path} has {length} frames, too few for a {ClipLength}-frame clip of class {Splits.ClassNames[video.Label]}");

    private static string? NonEmpty(string path) => new FileInfo(path).Length == 0 ? "empty file" : null;
}

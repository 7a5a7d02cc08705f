using SynVid.Datasets.Specs;
using SynVid.Synthesis;
using SynVid.Video;

namespace SynVid.Datasets.Downstream;

/// <summary>
/// Pre-training clips from the videos of a labelled split (labels ignored), e.g. a downstream dataset's training
/// split for the paper's in-domain upper bound (VideoMAE pre-trained on UCF101 itself, REFERENCE.md §8.2): each epoch
/// visits every video once in a seeded order, and each clip's frames follow the pre-training sampling
/// (<see cref="ClipSampling"/>), so sample <c>i</c> is a pure function of (seed, i).
/// </summary>
public sealed class LabeledVideoClipSource : IPretrainClipSource
{
    private readonly IReadOnlyList<LabeledVideo> _videos;
    private readonly LabeledVideoReader _reader;
    private readonly ClipSampling _sampling;
    private readonly long _seed;
    private readonly EpochOrder _order;

    /// <summary>Creates the source over <paramref name="videos"/>.</summary>
    public LabeledVideoClipSource(string name, IReadOnlyList<LabeledVideo> videos, LabeledVideoReader reader, ClipSampling sampling, long seed)
    {
        ArgumentNullException.ThrowIfNull(videos);
        if (videos.Count == 0)
        {
            throw new UserInputException($"{name}: no videos to pre-train on");
        }
        Name = name;
        _videos = videos;
        _reader = reader;
        _sampling = sampling.Validated();
        _seed = seed;
        _order = new EpochOrder(videos.Count, seed);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<RgbImage> Clip(long sampleIndex)
    {
        var epoch = sampleIndex / _videos.Count;
        var position = (int)(sampleIndex % _videos.Count);
        var video = _videos[_order.Of(epoch)[position]];
        var ids = _sampling.FrameIndices(_reader.Describe(video).FrameCount, new SeededRandom(_seed, epoch, position));
        return _reader.Read(video, ids);
    }
}

using System.Collections.Concurrent;
using SynVid.Datasets.Specs;
using SynVid.Synthesis;
using SynVid.Video;

namespace SynVid.Datasets.Downstream;

/// <summary>
/// Pre-training clips from the videos of a labelled split (labels ignored), e.g. a downstream dataset's training
/// split for the paper's in-domain upper bound (VideoMAE pre-trained on UCF101 itself, docs/reference-behaviour.md §8.2): each epoch
/// visits every video once in a seeded order, and each clip's frames follow the pre-training sampling
/// (<see cref="ClipSampling"/>), so sample <c>i</c> is a pure function of (seed, i). Under
/// <see cref="BadVideoPolicy.Skip"/> a video that cannot be read is replaced by the next one of the epoch's order and
/// listed in <see cref="SkippedVideos"/>; otherwise it stops the run (<see cref="BadVideoException"/>).
/// </summary>
public sealed class LabeledVideoClipSource : IPretrainClipSource, ISkippedVideos
{
    private readonly IReadOnlyList<LabeledVideo> _videos;
    private readonly LabeledVideoReader _reader;
    private readonly ClipSampling _sampling;
    private readonly long _seed;
    private readonly EpochOrder _order;
    private readonly BadVideoPolicy _onBadVideo;
    private readonly IReadOnlyList<SkippedVideo> _skippedAtStart;
    private readonly ConcurrentDictionary<string, string> _unreadable = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates the source over <paramref name="videos"/>; <paramref name="skippedAtStart"/> are the videos the list
    /// check already left out.
    /// </summary>
    public LabeledVideoClipSource(
        string name, IReadOnlyList<LabeledVideo> videos, LabeledVideoReader reader, ClipSampling sampling, long seed,
        BadVideoPolicy onBadVideo = BadVideoPolicy.Fail, IReadOnlyList<SkippedVideo>? skippedAtStart = null)
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
        _onBadVideo = onBadVideo;
        _skippedAtStart = skippedAtStart ?? [];
    }

    /// <inheritdoc />
    public IReadOnlyList<SkippedVideo> SkippedVideos =>
        [.. _skippedAtStart, .. _unreadable.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => new SkippedVideo(u.Key, u.Value, SplitNames.Train))];

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<RgbImage> Clip(long sampleIndex)
    {
        var epoch = sampleIndex / _videos.Count;
        var position = (int)(sampleIndex % _videos.Count);
        var order = _order.Of(epoch);
        for (var attempt = 0; attempt < _videos.Count; attempt++)
        {
            var video = _videos[order[(position + attempt) % _videos.Count]];
            if (_unreadable.ContainsKey(video.Path))
            {
                continue;
            }
            try
            {
                var ids = _sampling.FrameIndices(_reader.Describe(video).FrameCount, new SeededRandom(_seed, epoch, position));
                return _reader.Read(video, ids);
            }
            catch (BadVideoException e) when (_onBadVideo == BadVideoPolicy.Skip)
            {
                _unreadable.TryAdd(video.Path, e.Reason);
            }
        }
        throw new UserInputException($"{Name}: none of the videos can be read");
    }
}

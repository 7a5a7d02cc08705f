using System.Collections.Concurrent;
using SynVid.Datasets.Specs;
using SynVid.Datasets.SynAction;
using SynVid.Video;

namespace SynVid.Datasets.Downstream;

/// <summary>
/// Frames of any <see cref="LabeledVideo"/>: files are decoded by <see cref="VideoReader"/>, built-in
/// benchmark keys (<c>synaction:SPLIT/INDEX</c>) are rendered by <see cref="SynActionDataset"/>. Thread-safe; each
/// file is probed once. A file that cannot be read is a <see cref="BadVideoException"/> naming it. With a frame-cache
/// budget, a file that fits is decoded whole once and its clips are cut from memory.
/// </summary>
public sealed class LabeledVideoReader
{
    private readonly ConcurrentDictionary<string, VideoInfo> _info = new(StringComparer.Ordinal);
    private readonly SynActionDataset _synAction;
    private readonly Evaluation.TestBufferCache _frames;

    /// <summary>
    /// Creates a reader; <paramref name="synAction"/> renders benchmark keys (the default benchmark when null);
    /// <paramref name="frameCacheBytes"/> bounds the whole decoded files kept in memory (0: none).
    /// </summary>
    public LabeledVideoReader(SynActionDataset? synAction = null, long frameCacheBytes = 0)
    {
        _frames = new Evaluation.TestBufferCache(frameCacheBytes);
        // creating the benchmark renders nothing, so the default costs nothing when no key is read
        _synAction = synAction ?? new SynActionDataset(new SynActionConfig());
    }

    /// <summary>The benchmark whose keys this reader renders.</summary>
    public SynActionDataset SynAction => _synAction;

    /// <summary>Size, frame count and frame rate of <paramref name="video"/>.</summary>
    public VideoInfo Describe(LabeledVideo video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return _info.GetOrAdd(video.Path, path =>
        {
            if (SynActionLists.TryParseKey(path, out var split, out var index))
            {
                var config = SynAction.Config;
                return new VideoInfo(config.Width, config.Height, SynAction.FrameCount(split, index), config.Fps);
            }
            try
            {
                return VideoReader.Probe(path);
            }
            catch (Exception e) when (BadVideoException.IsReadFailure(e))
            {
                throw BadVideoException.From(path, e);
            }
        });
    }

    /// <summary>Null when <paramref name="path"/> probes as a video (its description is kept), else the reason: a <see cref="DatasetLoadOptions.Probe"/>.</summary>
    public string? Probe(string path)
    {
        try
        {
            Describe(new LabeledVideo(path, 0));
            return null;
        }
        catch (BadVideoException e)
        {
            return e.Reason;
        }
    }

    /// <summary>
    /// The frames <paramref name="frames"/> of <paramref name="video"/> at native resolution, in the order asked
    /// (indices may repeat).
    /// </summary>
    public IReadOnlyList<RgbImage> Read(LabeledVideo video, IReadOnlyList<int> frames)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(frames);
        if (SynActionLists.TryParseKey(video.Path, out var split, out var index))
        {
            // render each distinct frame once
            var distinct = frames.Distinct().Order().ToArray();
            var rendered = SynAction.Render(split, index, distinct);
            var byIndex = distinct.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => rendered[p.i]);
            return frames.Select(f => byIndex[f]).ToArray();
        }
        var info = Describe(video);
        try
        {
            var wholeBytes = 3L * info.Width * info.Height * info.FrameCount;
            if (_frames.MaxBytes > 0 && info.FrameCount > 0 && _frames.Bytes + wholeBytes <= _frames.MaxBytes)
            {
                var all = _frames.GetOrAdd(video.Path, () => VideoReader.ReadFrames(video.Path, info, Enumerable.Range(0, info.FrameCount).ToArray()));
                if (all.Count == info.FrameCount)
                {
                    return frames.Select(f => all[f]).ToArray();
                }
            }
            return VideoReader.ReadFrames(video.Path, info, frames);
        }
        catch (Exception e) when (BadVideoException.IsReadFailure(e))
        {
            throw BadVideoException.From(video.Path, e);
        }
    }
}

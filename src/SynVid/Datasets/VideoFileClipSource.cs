using System.Collections.Concurrent;
using System.Globalization;
using SynVid.Datasets.Specs;
using SynVid.Synthesis;
using SynVid.Video;

namespace SynVid.Datasets;

/// <summary>
/// Pre-training clips from video files listed in a VideoMAE-style csv (<c>path label</c> per line, space-separated,
/// no header; the label is ignored; relative paths are resolved against the csv's folder). Sample i is position
/// i mod N of epoch ⌊i / N⌋, whose order is a seeded shuffle of the list; its window is the reference's TSN-style
/// draw (<see cref="ClipSampling"/>). Only the sampled frames are decoded. A video that cannot be read stops the run
/// (<see cref="BadVideoException"/>) or, under <see cref="BadVideoPolicy.Skip"/>, is replaced by the next one of the
/// epoch's order and listed in <see cref="SkippedVideos"/>.
/// </summary>
public sealed class VideoFileClipSource : IPretrainClipSource, ISkippedVideos
{
    private readonly string[] _videos;
    private readonly ClipSampling _sampling;
    private readonly long _seed;
    private readonly BadVideoPolicy _onBadVideo;
    private readonly ConcurrentDictionary<string, VideoInfo> _info = new();
    private readonly ConcurrentDictionary<string, string> _unreadable = new();
    private readonly EpochOrder _order;

    /// <summary>
    /// Reads and validates the list before any training: every listed file is checked (existence, then a probe of
    /// its header, in parallel, as the <c>--data SPEC</c> form does); a bad one fails naming it and its line
    /// (<c>listed in FILE:LINE</c>) or, with <see cref="BadVideoPolicy.Skip"/>, is left out and counted.
    /// </summary>
    public VideoFileClipSource(string csvPath, ClipSampling sampling, long seed, BadVideoPolicy onBadVideo)
    {
        _sampling = sampling.Validated();
        _seed = seed;
        _onBadVideo = onBadVideo;
        CsvPath = Path.GetFullPath(csvPath);
        var dir = Path.GetDirectoryName(CsvPath)!;
        var entries = new List<(LabeledVideo Video, string Where)>();
        foreach (var (_, text, where) in ListFile.Lines("--data", CsvPath))
        {
            var space = text.LastIndexOfAny([' ', '\t']);
            var path = space > 0 && int.TryParse(text[(space + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? text[..space].TrimEnd() : text;
            entries.Add((new LabeledVideo(Path.GetFullPath(Path.Combine(dir, path)), 0), where));
        }
        if (entries.Count == 0)
        {
            throw new UserInputException($"{CsvPath}: no usable videos listed");
        }
        var validator = new VideoListValidator("--data", new DatasetLoadOptions(onBadVideo, Probe: ProbeAndKeep));
        var videos = validator.Filter(entries, CsvPath, classCount: 1, SplitNames.Train);
        _videos = [.. videos.Select(v => v.Path)];
        _order = new EpochOrder(_videos.Length, seed);
        SkippedAtStart = validator.Skipped;
    }

    /// <summary>The list file.</summary>
    public string CsvPath { get; }

    /// <summary>Listed videos left out when the list was read (skip mode): missing, or not readable as a video.</summary>
    public IReadOnlyList<SkippedVideo> SkippedAtStart { get; }

    /// <summary>Videos that failed to decode during training (skip mode), with the error.</summary>
    public IReadOnlyDictionary<string, string> Unreadable => _unreadable;

    /// <inheritdoc />
    public IReadOnlyList<SkippedVideo> SkippedVideos =>
        [.. SkippedAtStart,
            .. _unreadable.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => new SkippedVideo(u.Key, u.Value, SplitNames.Train))];

    /// <summary>Number of usable videos.</summary>
    public int Count => _videos.Length;

    /// <inheritdoc />
    public string Name => $"csv:{CsvPath} ({_videos.Length} videos)";

    /// <inheritdoc />
    public IReadOnlyList<RgbImage> Clip(long sampleIndex)
    {
        var epoch = sampleIndex / _videos.Length;
        var position = (int)(sampleIndex % _videos.Length);
        var order = _order.Of(epoch);
        // A video that cannot be decoded is replaced by the next one in the epoch's order (deterministic), in skip mode.
        for (var attempt = 0; attempt < _videos.Length; attempt++)
        {
            var path = _videos[order[(position + attempt) % _videos.Length]];
            if (_unreadable.ContainsKey(path))
            {
                continue;
            }
            try
            {
                var info = _info.GetOrAdd(path, VideoReader.Probe);
                var ids = _sampling.FrameIndices(info.FrameCount, new SeededRandom(_seed, epoch, position));
                return VideoReader.ReadFrames(path, info, ids);
            }
            catch (Exception e) when (BadVideoException.IsReadFailure(e))
            {
                var bad = BadVideoException.From(path, e);
                if (_onBadVideo == BadVideoPolicy.Fail)
                {
                    throw bad;
                }
                _unreadable[path] = bad.Reason;
            }
        }
        throw new UserInputException($"{CsvPath}: none of the listed videos can be read");
    }

    // A DatasetLoadOptions.Probe: null when the file probes as a video with frames (its description is kept for
    // Clip), otherwise the reason.
    private string? ProbeAndKeep(string path)
    {
        try
        {
            var info = _info.GetOrAdd(path, VideoReader.Probe);
            return info.FrameCount > 0 ? null : "no frames";
        }
        catch (Exception e) when (BadVideoException.IsReadFailure(e))
        {
            return BadVideoException.From(path, e).Reason;
        }
    }
}

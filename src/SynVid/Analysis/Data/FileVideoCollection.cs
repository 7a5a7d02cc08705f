using System.Collections.Concurrent;
using SynVid.Datasets;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Video;

namespace SynVid.Analysis.Data;

/// <summary>
/// <c>folder:DIR</c>: every video file (.mp4, .avi, .mkv, .webm, .mov, .m4v, .mpg, .mpeg) and every PNG frame folder
/// (a folder holding .png files, read as frames in ordinal file-name order) under DIR, recursively, in ordinal path
/// order. Also the downstream specs (<c>ucf101:</c>, <c>hmdb51:</c>, <c>csv:</c>, <c>synaction</c>), whose videos are the
/// training split's (docs/reference-behaviour.md §7: UCF101 split-1 train), read with <see cref="LabeledVideoReader"/>.
/// Under <see cref="BadVideoPolicy.Fail"/> a bad video stops the caller when it is read (a <see cref="BadVideoException"/>);
/// under <see cref="BadVideoPolicy.Skip"/> the video files are probed when the collection opens and the bad ones left
/// out, and a video that fails only when decoded (a truncated one) is replaced by the next readable one, its frame
/// indices scaled to that video's length, so that the samples stay as many and do not depend on the order of reading.
/// What was left out is in <see cref="SkippedVideos"/>.
/// </summary>
public sealed class FileVideoCollection : IVideoCollection, ISkippedVideos
{
    /// <summary>Video file extensions found by <c>folder:</c>.</summary>
    public static readonly IReadOnlyList<string> VideoExtensions = [".mp4", ".avi", ".mkv", ".webm", ".mov", ".m4v", ".mpg", ".mpeg"];

    private readonly IReadOnlyList<LabeledVideo> _videos;
    private readonly LabeledVideoReader _reader;
    private readonly ConcurrentDictionary<string, string[]> _pngFrames = new(StringComparer.Ordinal);
    private readonly BadVideoPolicy _onBadVideo;
    private readonly string _split;
    private readonly IReadOnlyList<SkippedVideo> _listed;
    private readonly ConcurrentDictionary<string, SkippedVideo> _readFailures = new(StringComparer.Ordinal);

    /// <summary>A collection over <paramref name="videos"/> (file paths, PNG folders or benchmark keys); a bad one fails when read.</summary>
    public FileVideoCollection(string name, IReadOnlyList<LabeledVideo> videos, LabeledVideoReader? reader = null)
        : this(name, videos, reader ?? new LabeledVideoReader(), BadVideoPolicy.Fail, "", [])
    {
    }

    private FileVideoCollection(
        string name, IReadOnlyList<LabeledVideo> videos, LabeledVideoReader reader, BadVideoPolicy onBadVideo, string split, IReadOnlyList<SkippedVideo> listed)
    {
        ArgumentNullException.ThrowIfNull(videos);
        if (videos.Count == 0)
        {
            throw new UserInputException(listed.Count == 0 ? $"{name}: no videos found" : $"{name}: no readable videos ({listed.Count} bad ones left out)");
        }
        Name = name;
        _videos = videos;
        _reader = reader;
        _onBadVideo = onBadVideo;
        _split = split;
        _listed = listed;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Count => _videos.Count;

    /// <summary>The videos (for tests and reports).</summary>
    public IReadOnlyList<LabeledVideo> Videos => _videos;

    /// <summary>
    /// The videos left out under <see cref="BadVideoPolicy.Skip"/>: those found bad when the collection opened, then
    /// those that failed when read so far; <see cref="SkippedVideo.Split"/> is the split read (empty for <c>folder:</c>).
    /// </summary>
    public IReadOnlyList<SkippedVideo> SkippedVideos =>
        [.. _listed.Concat(_readFailures.Values.OrderBy(v => v.Path, StringComparer.Ordinal)).DistinctBy(v => v.Path)];

    /// <summary>All videos and PNG frame folders under <paramref name="directory"/>.</summary>
    public static FileVideoCollection FromFolder(string directory, BadVideoPolicy onBadVideo = BadVideoPolicy.Fail)
    {
        if (!Directory.Exists(directory))
        {
            throw new UserInputException($"folder {directory} does not exist");
        }
        var root = Path.GetFullPath(directory);
        var videos = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => VideoExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Concat(Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Prepend(root)
                .Where(d => Directory.EnumerateFiles(d, "*.png").Any()))
            .Order(StringComparer.Ordinal)
            .Select(p => new LabeledVideo(p, 0))
            .ToList();
        if (videos.Count == 0)
        {
            throw new UserInputException($"folder {directory}: no video files ({string.Join(" ", VideoExtensions)}) or PNG frame folders found");
        }
        var reader = new LabeledVideoReader();
        var left = new List<SkippedVideo>();
        var kept = Usable(videos, reader, onBadVideo, "", left);
        return new FileVideoCollection($"folder:{directory} ({kept.Count} videos)", kept, reader, onBadVideo, "", left);
    }

    /// <summary>
    /// The training videos of a downstream spec (the test videos when it has no training split), optionally only those of
    /// class <paramref name="className"/>.
    /// </summary>
    public static FileVideoCollection FromSpec(string text, string? className = null, BadVideoPolicy onBadVideo = BadVideoPolicy.Fail)
    {
        var spec = DatasetSpec.Parse(text);
        if (spec is MotionSpec or FolderSpec)
        {
            throw new UserInputException($"dataset spec '{text}': not an analysis dataset (use folder:DIR for any folder of videos)");
        }
        // under skip, missing files are left out here and the videos read are probed below (not the whole dataset)
        var splits = DatasetCatalog.Load(spec, new DatasetLoadOptions(onBadVideo));
        var videos = splits.Train.Count > 0 ? splits.Train : splits.Test;
        var split = splits.Train.Count > 0 ? SplitNames.Train : SplitNames.Test;
        var part = split;
        if (className is not null)
        {
            var label = splits.ClassNames.ToList().FindIndex(n => string.Equals(n, className, StringComparison.OrdinalIgnoreCase));
            if (label < 0)
            {
                throw new UserInputException($"dataset spec '{text}': no class '{className}' (classes: {string.Join(", ", splits.ClassNames.Take(20))}{(splits.ClassNames.Count > 20 ? ", ..." : "")})");
            }
            videos = [.. videos.Where(v => v.Label == label)];
            part += ", class " + splits.ClassNames[label];
        }
        var reader = new LabeledVideoReader();
        var left = splits.Skipped.Where(v => v.Split == split).ToList();
        var kept = Usable(videos, reader, onBadVideo, split, left);
        return new FileVideoCollection($"{text} ({part}, {kept.Count} videos)", kept, reader, onBadVideo, split, left);
    }

    /// <inheritdoc />
    public int FrameCount(int video)
    {
        var v = _videos[video];
        return Directory.Exists(v.Path) ? Pngs(v.Path).Length : Math.Max(1, _reader.Describe(v).FrameCount);
    }

    /// <inheritdoc />
    public IReadOnlyList<RgbImage> ReadFrames(int video, IReadOnlyList<int> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        try
        {
            return Read(video, frames);
        }
        catch (BadVideoException e) when (_onBadVideo == BadVideoPolicy.Skip)
        {
            _readFailures.TryAdd(e.Path, new SkippedVideo(e.Path, e.Reason, _split));
            // the next video (in collection order) that reads, always tried afresh: the result is the same whichever
            // thread finds the bad video first
            var count = FrameCount(video);
            for (var k = 1; k < _videos.Count; k++)
            {
                var other = (video + k) % _videos.Count;
                try
                {
                    var length = FrameCount(other);
                    return Read(other, [.. frames.Select(f => (int)Math.Min(length - 1, (long)f * length / count))]);
                }
                catch (BadVideoException again)
                {
                    _readFailures.TryAdd(again.Path, new SkippedVideo(again.Path, again.Reason, _split));
                }
            }
            throw new UserInputException($"{Name}: no video can be read");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    // Under skip: the videos that probe as videos (PNG folders are not probed); the others are added to `left`. Under fail: all of them, a bad one fails when read.
    private static List<LabeledVideo> Usable(IReadOnlyList<LabeledVideo> videos, LabeledVideoReader reader, BadVideoPolicy onBadVideo, string split, List<SkippedVideo> left)
    {
        if (onBadVideo != BadVideoPolicy.Skip)
        {
            return [.. videos];
        }
        var problems = new string?[videos.Count];
        Parallel.For(0, videos.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            problems[i] = Directory.Exists(videos[i].Path) ? null
                : reader.Probe(videos[i].Path) is { } reason ? BadVideoException.ReasonOf(videos[i].Path, reason) : null);
        for (var i = 0; i < videos.Count; i++)
        {
            if (problems[i] is { } problem)
            {
                left.Add(new SkippedVideo(videos[i].Path, problem, split));
            }
        }
        return [.. videos.Where((_, i) => problems[i] is null)];
    }

    // Frames of one video: a PNG folder's files, or the reader's frames.
    private IReadOnlyList<RgbImage> Read(int video, IReadOnlyList<int> frames)
    {
        var v = _videos[video];
        if (Directory.Exists(v.Path))
        {
            var files = Pngs(v.Path);
            return [.. frames.Select(f => PngFile.Read(files[f]))];
        }
        return _reader.Read(v, frames);
    }

    private string[] Pngs(string folder) => _pngFrames.GetOrAdd(folder, f => [.. Directory.EnumerateFiles(f, "*.png").Order(StringComparer.Ordinal)]);
}

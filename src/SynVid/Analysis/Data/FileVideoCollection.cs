using System.Collections.Concurrent;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Video;

namespace SynVid.Analysis.Data;

/// <summary>
/// <c>folder:DIR</c>: every video file (.mp4, .avi, .mkv, .webm, .mov, .m4v, .mpg, .mpeg) and every PNG frame folder
/// (a folder holding .png files, read as frames in ordinal file-name order) under DIR, recursively, in ordinal path
/// order. Also the downstream specs (<c>ucf101:</c>, <c>hmdb51:</c>, <c>csv:</c>, <c>synaction</c>), whose videos are the
/// training split's (docs/reference-behaviour.md §7: UCF101 split-1 train), read with <see cref="LabeledVideoReader"/>.
/// </summary>
public sealed class FileVideoCollection : IVideoCollection
{
    /// <summary>Video file extensions found by <c>folder:</c>.</summary>
    public static readonly IReadOnlyList<string> VideoExtensions = [".mp4", ".avi", ".mkv", ".webm", ".mov", ".m4v", ".mpg", ".mpeg"];

    private readonly IReadOnlyList<LabeledVideo> _videos;
    private readonly LabeledVideoReader _reader;
    private readonly ConcurrentDictionary<string, string[]> _pngFrames = new(StringComparer.Ordinal);

    /// <summary>A collection over <paramref name="videos"/> (file paths, PNG folders or benchmark keys).</summary>
    public FileVideoCollection(string name, IReadOnlyList<LabeledVideo> videos, LabeledVideoReader? reader = null)
    {
        ArgumentNullException.ThrowIfNull(videos);
        if (videos.Count == 0)
        {
            throw new UserInputException($"{name}: no videos found");
        }
        Name = name;
        _videos = videos;
        _reader = reader ?? new LabeledVideoReader();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Count => _videos.Count;

    /// <summary>The videos (for tests and reports).</summary>
    public IReadOnlyList<LabeledVideo> Videos => _videos;

    /// <summary>All videos and PNG frame folders under <paramref name="directory"/>.</summary>
    public static FileVideoCollection FromFolder(string directory)
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
        return new FileVideoCollection($"folder:{directory} ({videos.Count} videos)", videos);
    }

    /// <summary>
    /// The training videos of a downstream spec (the test videos when it has no training split), optionally only those of
    /// class <paramref name="className"/>.
    /// </summary>
    public static FileVideoCollection FromSpec(string text, string? className = null)
    {
        var spec = DatasetSpec.Parse(text);
        if (spec is MotionSpec or FolderSpec)
        {
            throw new UserInputException($"dataset spec '{text}': not an analysis dataset (use folder:DIR for any folder of videos)");
        }
        var splits = DatasetCatalog.Load(spec);
        var videos = splits.Train.Count > 0 ? splits.Train : splits.Test;
        var part = splits.Train.Count > 0 ? "train" : "test";
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
        return new FileVideoCollection($"{text} ({part}, {videos.Count} videos)", videos);
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
        var v = _videos[video];
        if (Directory.Exists(v.Path))
        {
            var files = Pngs(v.Path);
            return [.. frames.Select(f => PngFile.Read(files[f]))];
        }
        return _reader.Read(v, frames);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private string[] Pngs(string folder) => _pngFrames.GetOrAdd(folder, f => [.. Directory.EnumerateFiles(f, "*.png").Order(StringComparer.Ordinal)]);
}

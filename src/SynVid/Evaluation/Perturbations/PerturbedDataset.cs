using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SynVid.Datasets.Specs;
using SynVid.Serialization;
using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>Every frame of a source video and its frame rate.</summary>
/// <param name="Frames">Frames at native resolution.</param>
/// <param name="Fps">Frames per second.</param>
public sealed record SourceVideo(IReadOnlyList<RgbImage> Frames, double Fps);

/// <summary>What to write.</summary>
/// <param name="Source">Description of the source (the dataset spec and split), recorded in the manifest.</param>
/// <param name="Perturbation">The type.</param>
/// <param name="Severity">Its level.</param>
/// <param name="Seed">Seed of the draws; video i of the list is seeded as video i (as in evaluation).</param>
/// <param name="Lossless">Lossless RGB H.264 instead of H.264 4:2:0 at CRF 18 (always lossless when a side is odd).</param>
/// <param name="Threads">Videos perturbed and encoded at once.</param>
/// <param name="SourceRoot">The dataset's folder; output paths repeat the videos' paths below it (see <see cref="PerturbedDataset.RelativePaths"/>).</param>
/// <param name="OnBadVideo">A source video that cannot be read stops the run, or is left out of the copy and its lists.</param>
public sealed record PerturbedDatasetOptions(
    string Source, IPerturbation Perturbation, int Severity, long Seed, bool Lossless = false, int Threads = 1, string? SourceRoot = null,
    BadVideoPolicy OnBadVideo = BadVideoPolicy.Fail);

/// <summary>What a run did.</summary>
/// <param name="Written">Videos perturbed and written now.</param>
/// <param name="Skipped">Videos already present from an earlier run.</param>
/// <param name="Directory">The output folder.</param>
/// <param name="BadVideos">Source videos left out because they cannot be read (<see cref="BadVideoPolicy.Skip"/>).</param>
public sealed record PerturbedDatasetOutcome(int Written, int Skipped, string Directory, IReadOnlyList<SkippedVideo> BadVideos);

/// <summary>
/// Writes a perturbed copy of a list of labelled videos as a UCF101-P-style dataset: one video file per source video
/// under the same relative folders and file names (built-in benchmark videos as <c>CLASS/synaction_SPLIT_INDEX.mp4</c>;
/// other extensions than .mp4, .mkv, .mov and .avi become .mp4), the whole video perturbed (temporal types re-order
/// all its frames, spatial types act on every frame; colours are never inverted), plus
/// <c>test.csv</c> (VideoMAE's <c>path label</c> lines, paths relative to the folder), <c>classes.txt</c> and
/// <c>manifest.json</c>. A perturbed set is for testing only: <c>train.csv</c> and <c>val.csv</c> repeat
/// <c>test.csv</c> so that the folder loads as <c>csv:DIR</c>. Every file is written under a temporary name and
/// renamed; a rerun skips the videos that exist.
/// </summary>
public static class PerturbedDataset
{
    /// <summary>Identifies manifest.json.</summary>
    public const string Format = "synvid-perturbed-dataset-1";

    private static readonly string[] _videoExtensions = [".mp4", ".mkv", ".mov", ".avi"];

    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>
    /// Output path of each video relative to the output folder: file videos keep their path below
    /// <paramref name="sourceRoot"/> (the dataset's folder) when they all lie under it, otherwise below the deepest
    /// folder common to all of them; built-in benchmark keys become <c>CLASS/synaction_SPLIT_INDEX.mp4</c>.
    /// </summary>
    public static IReadOnlyList<string> RelativePaths(IReadOnlyList<LabeledVideo> videos, IReadOnlyList<string> classNames, string? sourceRoot = null)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentNullException.ThrowIfNull(classNames);
        var files = videos.Where(v => !IsKey(v.Path)).Select(v => Path.GetFullPath(v.Path)).ToList();
        var given = sourceRoot is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceRoot)) + Path.DirectorySeparatorChar;
        var root = given is not null && files.All(f => f.StartsWith(given, StringComparison.Ordinal)) ? given : CommonFolder(files);
        var result = videos.Select(v =>
        {
            if (IsKey(v.Path))
            {
                var name = Safe(v.Path["synaction:".Length..].Replace('/', '_'));
                return Path.Combine(Safe(classNames[v.Label]), $"synaction_{name}.mp4");
            }
            var relative = Path.GetRelativePath(root, Path.GetFullPath(v.Path));
            var extension = Path.GetExtension(relative);
            return _videoExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase)
                ? relative
                : Path.ChangeExtension(relative, ".mp4");
        }).ToArray();
        var clash = result.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new UserInputException($"two source videos map to the same output file {clash.Key}");
        }
        return result;
    }

    /// <summary>Writes (or completes) the perturbed dataset in <paramref name="directory"/>.</summary>
    /// <param name="directory">Output folder.</param>
    /// <param name="videos">Source videos (a test split).</param>
    /// <param name="classNames">Class names in label order.</param>
    /// <param name="read">Reads every frame of a source video.</param>
    /// <param name="options">Type, severity, seed, quality, threads.</param>
    /// <param name="videosDone">Reports each finished (or skipped) video.</param>
    /// <param name="cancel">Stops between videos; finished files stay.</param>
    /// <exception cref="UserInputException">The folder holds a perturbed set made with other settings, or a video is unreadable.</exception>
    public static PerturbedDatasetOutcome Write(
        string directory, IReadOnlyList<LabeledVideo> videos, IReadOnlyList<string> classNames, Func<LabeledVideo, SourceVideo> read,
        PerturbedDatasetOptions options, IProgress<int>? videosDone = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(options);
        options.Perturbation.CheckSeverity(options.Severity);
        if (options.Threads < 1)
        {
            throw new UserInputException($"--threads must be at least 1, got {options.Threads}");
        }
        if (videos.Count == 0)
        {
            throw new UserInputException("the split has no videos to perturb");
        }
        var root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
        var manifestPath = Path.Combine(root, "manifest.json");
        var manifest = new Manifest(Format, options.Source, options.Perturbation.Key, options.Perturbation.Label,
            options.Perturbation.Category.ToString().ToLowerInvariant(), options.Severity, options.Seed,
            options.Lossless ? "lossless" : "h264-crf18", videos.Count, Complete: false,
            "temporal types re-order all frames of a video and are written unpadded (sampling shortens a video); " +
            "evaluation pads a strided buffer shorter than the clip by repeating its last frame");
        CheckExisting(manifestPath, manifest);
        AtomicFile.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, _json));

        var relative = RelativePaths(videos, classNames, options.SourceRoot);
        // What an interrupted run left under temporary names; finished videos are kept and skipped.
        foreach (var folder in relative.Select(r => Path.GetDirectoryName(Path.Combine(root, r))!).Append(root).Distinct())
        {
            AtomicFile.CleanStale(folder);
        }
        int written = 0, skipped = 0;
        var bad = new SkippedVideo?[videos.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancel };
        try
        {
            Parallel.For(0, videos.Count, parallel, i =>
            {
                var output = Path.Combine(root, relative[i]);
                if (File.Exists(output))
                {
                    Interlocked.Increment(ref skipped);
                }
                else
                {
                    SourceVideo source;
                    try
                    {
                        source = read(videos[i]);
                        if (source.Frames.Count == 0)
                        {
                            throw new UserInputException($"video {videos[i].Path}: no frames");
                        }
                    }
                    catch (Exception e) when (BadVideoException.IsReadFailure(e))
                    {
                        var error = BadVideoException.From(videos[i].Path, e);
                        if (options.OnBadVideo == BadVideoPolicy.Fail)
                        {
                            throw error;
                        }
                        bad[i] = new SkippedVideo(videos[i].Path, error.Reason);
                        videosDone?.Report(1);
                        return;
                    }
                    var perturbed = ClipPerturbation.Apply(source.Frames, options.Perturbation, options.Severity, options.Seed, video: i);
                    WriteVideo(output, perturbed, source.Fps, options.Lossless, options.Threads > 1 ? 1 : 0);
                    Interlocked.Increment(ref written);
                }
                videosDone?.Report(1);
            });
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.Count > 0)
        {
            // the first failure itself, so a bad video is one line
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }

        var list = new StringBuilder();
        for (var i = 0; i < videos.Count; i++)
        {
            if (bad[i] is not null)
            {
                continue;
            }
            list.Append(relative[i].Replace('\\', '/')).Append(' ').Append(videos[i].Label.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        foreach (var name in new[] { "test.csv", "val.csv", "train.csv" })
        {
            AtomicFile.WriteAllText(Path.Combine(root, name), list.ToString());
        }
        AtomicFile.WriteAllText(Path.Combine(root, "classes.txt"), string.Concat(classNames.Select(c => c + "\n")));
        AtomicFile.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest with { Complete = true }, _json));
        return new PerturbedDatasetOutcome(written, skipped, root, [.. bad.OfType<SkippedVideo>()]);
    }

    private static void CheckExisting(string manifestPath, Manifest wanted)
    {
        if (!File.Exists(manifestPath))
        {
            return;
        }
        Manifest? existing;
        try
        {
            existing = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifestPath), _json);
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{manifestPath}: unreadable manifest ({e.Message})");
        }
        if (existing is null || existing with { Complete = false, Note = wanted.Note } != wanted)
        {
            throw new UserInputException(
                $"{manifestPath}: the folder holds a perturbed set made with other settings ({existing?.Type} s{existing?.Severity}, " +
                $"seed {existing?.Seed}, {existing?.Quality}, source {existing?.Source}); use another --out folder");
        }
    }

    private static void WriteVideo(string path, IReadOnlyList<RgbImage> frames, double fps, bool lossless, int encoderThreads)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        int w = frames[0].Width, h = frames[0].Height;
        var quality = lossless || w % 2 != 0 || h % 2 != 0 ? VideoQuality.Lossless : VideoQuality.H264;
        using var writer = VideoWriter.Create(path, w, h, fps, new VideoWriterSettings(quality, Threads: encoderThreads));
        foreach (var frame in frames)
        {
            writer.Write(frame);
        }
        writer.Complete();
    }

    private static bool IsKey(string path) => path.StartsWith("synaction:", StringComparison.Ordinal);

    private static string Safe(string name) =>
        new([.. name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' ? ch : '_')]);

    private static string CommonFolder(IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            return Path.GetTempPath();
        }
        var parts = Path.GetDirectoryName(files[0])!.Split(Path.DirectorySeparatorChar);
        var length = parts.Length;
        foreach (var f in files.Skip(1))
        {
            var other = Path.GetDirectoryName(f)!.Split(Path.DirectorySeparatorChar);
            var k = 0;
            while (k < length && k < other.Length && other[k] == parts[k])
            {
                k++;
            }
            length = k;
        }
        var common = string.Join(Path.DirectorySeparatorChar, parts.Take(length));
        return common.Length == 0 ? Path.DirectorySeparatorChar.ToString() : common;
    }

    private sealed record Manifest(
        string Format, string Source, string Type, string Label, string Category, int Severity, long Seed, string Quality,
        int Videos, bool Complete, [property: JsonPropertyName("note")] string Note);
}

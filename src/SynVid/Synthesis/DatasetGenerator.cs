using System.Globalization;
using System.Runtime.ExceptionServices;
using SynVid.Serialization;
using SynVid.Video;

namespace SynVid.Synthesis;

/// <summary>What <see cref="DatasetGenerator.Run"/> did.</summary>
/// <param name="Written">Videos rendered and written by this run.</param>
/// <param name="Skipped">Videos of this shard that were already complete.</param>
/// <param name="AnnotationPath">The annotation csv of this shard.</param>
/// <param name="ManifestPath">manifest.json.</param>
public sealed record GenerationSummary(int Written, int Skipped, string AnnotationPath, string ManifestPath)
{
    /// <summary>Videos of an earlier run that were incomplete (empty, truncated, missing frames) and were written again.</summary>
    public int Replaced { get; init; }
}

/// <summary>
/// Writes a <see cref="SyntheticVideoSet"/> to a folder: <c>videos/NNNNNN.mp4</c> (or <c>videos/NNNNNN/NNNNN.png</c>),
/// a VideoMAE-style annotation csv (<c>path label</c>, space-separated, no header, label 0) and manifest.json. Every
/// file is written under a temporary name and renamed, so a finished name is always complete; finished videos are
/// skipped, so an interrupted run resumes where it stopped. A video already there counts as finished only when it is
/// whole (an MP4 whose boxes fill the file and whose video track has the scene's frame count, or a PNG folder with
/// every frame); anything else (an empty or truncated copy) is written again.
/// </summary>
public static class DatasetGenerator
{
    /// <summary>Frames per second of generated videos (docs/reference-behaviour.md §2.1).</summary>
    public const double Fps = 25;

    /// <summary>
    /// Generates the videos of <paramref name="shard"/> into <paramref name="outputDirectory"/> on
    /// <paramref name="threads"/> threads (0 = all cores). <paramref name="writeVideo"/> stores one video's frames
    /// at a final path (it must write under an <see cref="AtomicFile"/> temporary name and rename, so that what an
    /// interrupted run leaves is recognised); <paramref name="progress"/> receives the number of finished videos of the
    /// shard (skipped ones included).
    /// </summary>
    public static GenerationSummary Run(
        SyntheticVideoSet videos,
        string outputDirectory,
        VideoFormat format,
        ShardSpec shard,
        int threads,
        Action<string, IEnumerable<RgbImage>>? writeVideo = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(videos);
        var root = Path.GetFullPath(outputDirectory);
        var digits = Math.Max(6, (videos.Count - 1).ToString(CultureInfo.InvariantCulture).Length);
        var layout = format == VideoFormat.Mp4 ? $"videos/{{index:D{digits}}}.mp4" : $"videos/{{index:D{digits}}}/{{frame:D5}}.png";
        var manifest = DatasetManifest.For(videos, format, Fps, layout).ToJson();
        var videoDir = Path.Combine(root, "videos");
        var manifestPath = Path.Combine(root, "manifest.json");
        PrepareFolder(root, videoDir, manifestPath, manifest);

        var write = writeVideo ?? (format == VideoFormat.Png ? WritePngFolder : throw new ArgumentNullException(nameof(writeVideo), "mp4 output needs a video writer"));
        var mine = Enumerable.Range(0, videos.Count).Where(i => shard.Contains(i)).ToArray();
        string PathOf(int i)
        {
            var name = i.ToString("D" + digits, CultureInfo.InvariantCulture);
            return Path.Combine(videoDir, format == VideoFormat.Mp4 ? name + ".mp4" : name);
        }

        var done = 0;
        var written = 0;
        var replaced = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        try
        {
            Parallel.ForEach(mine, options, () => new FrameRenderer(videos.Parameters.Resolution), (i, _, renderer) =>
            {
                var path = PathOf(i);
                var exists = File.Exists(path) || Directory.Exists(path);
                if (exists && Problem(path, format, videos.Scene(i).FrameCount) is not null)
                {
                    Remove(path);
                    Interlocked.Increment(ref replaced);
                    exists = false;
                }
                if (!exists)
                {
                    write(path, videos.Frames(i, renderer));
                    Interlocked.Increment(ref written);
                }
                progress?.Report(Interlocked.Increment(ref done));
                return renderer;
            }, _ => { });
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.Count > 0)
        {
            // Report the first failure itself (a bad image file is a UserInputException the CLI shows on one line).
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }

        var csvName = shard.Count == 1 ? "annotations.csv" : $"annotations.shard-{shard.Index}-of-{shard.Count}.csv";
        var csvPath = Path.Combine(root, csvName);
        AtomicFile.WriteAllText(csvPath, string.Concat(mine.Select(i => PathOf(i) + " 0\n")));
        return new GenerationSummary(written, mine.Length - written, csvPath, manifestPath) { Replaced = replaced };
    }

    /// <summary>Null when the finished video at <paramref name="path"/> is whole, else what is wrong with it.</summary>
    public static string? Problem(string path, VideoFormat format, int frames)
    {
        if (format == VideoFormat.Mp4)
        {
            return File.Exists(path) ? Mp4Check.Problem(path, frames) : "not a file";
        }
        if (!Directory.Exists(path))
        {
            return "not a folder";
        }
        var pngs = Directory.GetFiles(path, "*.png");
        return pngs.Length != frames ? $"{pngs.Length} frames instead of {frames}"
            : pngs.Any(p => new FileInfo(p).Length == 0) ? "an empty frame file"
            : null;
    }

    private static void Remove(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }
    }

    /// <summary>A video writer for <see cref="Run"/>: an mp4 at 25 fps through ffmpeg (temporary name, renamed when complete).</summary>
    public static Action<string, IEnumerable<RgbImage>> Mp4Writer(VideoQuality quality, int crf) => (path, frames) =>
    {
        VideoWriter? writer = null;
        try
        {
            foreach (var frame in frames)
            {
                writer ??= VideoWriter.Create(path, frame.Width, frame.Height, Fps, quality, crf);
                writer.Write(frame);
            }
            writer?.Complete();
        }
        finally
        {
            writer?.Dispose();
        }
    };

    /// <summary>Writes the frames as 00000.png, 00001.png, … into a temporary folder, then renames it to <paramref name="folder"/>.</summary>
    public static void WritePngFolder(string folder, IEnumerable<RgbImage> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        AtomicFile.WriteFolder(folder, temp =>
        {
            var t = 0;
            foreach (var frame in frames)
            {
                // The folder is renamed when complete, so its files need no temporary names of their own.
                File.WriteAllBytes(Path.Combine(temp, t.ToString("D5", CultureInfo.InvariantCulture) + ".png"), PngFile.Encode(frame));
                t++;
            }
        });
    }

    private static void PrepareFolder(string root, string videoDir, string manifestPath, string manifest)
    {
        try
        {
            Directory.CreateDirectory(videoDir);
            // What an interrupted run left under temporary names (finished videos are kept and skipped).
            AtomicFile.CleanStale(videoDir);
            AtomicFile.CleanStale(root);
            if (File.Exists(manifestPath))
            {
                if (File.ReadAllText(manifestPath) != manifest)
                {
                    throw new UserInputException($"'{root}' already holds a different dataset (its manifest.json differs); choose another --out");
                }
            }
            else
            {
                AtomicFile.WriteAllText(manifestPath, manifest);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write to output folder '{root}': {e.Message}", e);
        }
    }
}

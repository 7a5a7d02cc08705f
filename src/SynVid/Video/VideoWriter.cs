using System.Globalization;
using SynVid.Serialization;

namespace SynVid.Video;

/// <summary>
/// Encodes RGB frames to a video file by streaming raw rgb24 frames to ffmpeg's standard input.
/// </summary>
/// <remarks>
/// The file is written under a temporary name (<see cref="AtomicFile.TempPathFor"/>) in the destination folder and
/// renamed to its final name only by <see cref="Complete"/>, after ffmpeg has exited successfully; disposing an
/// uncompleted writer kills ffmpeg and deletes the temporary file. A file at the final path is therefore always a
/// complete video. The container follows the extension: .mp4, .mkv, .mov or .avi. Not thread-safe: one writer is fed
/// by one thread.
/// </remarks>
public sealed class VideoWriter : IDisposable
{
    private static readonly Dictionary<string, string> _containerByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mp4"] = "mp4",
        [".mkv"] = "matroska",
        [".mov"] = "mov",
        [".avi"] = "avi",
    };

    private readonly FfmpegProcess _ffmpeg;
    private readonly string _tempPath;
    private bool _completed;
    private bool _disposed;

    private VideoWriter(string path, string tempPath, int width, int height, FfmpegProcess ffmpeg)
    {
        Path = path;
        _tempPath = tempPath;
        Width = width;
        Height = height;
        _ffmpeg = ffmpeg;
    }

    /// <summary>The final path of the video.</summary>
    public string Path { get; }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>Number of frames written so far.</summary>
    public int FramesWritten { get; private set; }

    /// <summary>Starts ffmpeg for a video of the given size and frame rate.</summary>
    /// <param name="path">Destination (.mp4, .mkv, .mov or .avi); its folder must exist. An existing file is replaced on
    /// <see cref="Complete"/>.</param>
    /// <param name="width">Frame width; must be even for <see cref="VideoQuality.H264"/> (4:2:0 chroma).</param>
    /// <param name="height">Frame height; must be even for <see cref="VideoQuality.H264"/>.</param>
    /// <param name="fps">Frames per second (e.g. 25; 29.97 is stored as 30000/1001).</param>
    /// <param name="quality">Lossy H.264 or lossless RGB.</param>
    /// <param name="crf">x264 constant rate factor for H.264 (0–51).</param>
    public static VideoWriter Create(string path, int width, int height, double fps, VideoQuality quality = VideoQuality.H264, int crf = 18) =>
        Create(path, width, height, fps, new VideoWriterSettings(quality, crf));

    /// <summary>Starts ffmpeg with full encoder settings (preset, threads).</summary>
    public static VideoWriter Create(string path, int width, int height, double fps, VideoWriterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (width < 1 || height < 1)
        {
            throw new UserInputException($"video {path}: frame size must be positive, got {width}×{height}");
        }
        if (settings.Quality == VideoQuality.H264 && (width % 2 != 0 || height % 2 != 0))
        {
            throw new UserInputException(
                $"video {path}: H.264 with 4:2:0 chroma needs an even width and height, got {width}×{height} " +
                "(use an even size or lossless quality)");
        }
        if (!double.IsFinite(fps) || fps <= 0)
        {
            throw new UserInputException($"video {path}: fps must be a positive number, got {fps}");
        }
        var extension = System.IO.Path.GetExtension(path);
        if (!_containerByExtension.TryGetValue(extension, out var container))
        {
            throw new UserInputException(
                $"video {path}: unsupported extension '{extension}' (use {string.Join(", ", _containerByExtension.Keys)})");
        }
        var fullPath = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder))
        {
            throw new UserInputException($"video {path}: folder {folder} does not exist");
        }
        var tempPath = AtomicFile.TempPathFor(fullPath);
        try
        {
            // Creating the file here turns an unwritable folder into a clear error before ffmpeg starts.
            File.Create(tempPath).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"video {path}: cannot write to {folder}: {e.Message}", e);
        }

        FfmpegProcess ffmpeg;
        try
        {
            ffmpeg = FfmpegProcess.Start("ffmpeg", Arguments(tempPath, container, width, height, fps, settings), redirectInput: true);
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
        return new VideoWriter(fullPath, tempPath, width, height, ffmpeg);
    }

    /// <summary>Appends one frame; its size must equal the writer's.</summary>
    public void Write(RgbImage frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException($"video {Path} is already complete");
        }
        if (frame.Width != Width || frame.Height != Height)
        {
            throw new ArgumentException($"video {Path} is {Width}×{Height}, frame is {frame.Width}×{frame.Height}", nameof(frame));
        }
        try
        {
            _ffmpeg.StandardInput.Write(frame.Pixels);
        }
        catch (IOException e)
        {
            // A broken pipe means ffmpeg exited; its stderr says why.
            _ffmpeg.WaitForExit();
            throw new IOException($"ffmpeg stopped while writing {Path}: {_ffmpeg.StderrTail()}", e);
        }
        FramesWritten++;
    }

    /// <summary>
    /// Finishes the file: closes ffmpeg's input, waits for it, checks its exit code and renames the temporary file to
    /// <see cref="Path"/> (replacing an existing file).
    /// </summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            return;
        }
        if (FramesWritten == 0)
        {
            throw new InvalidOperationException($"video {Path}: no frames were written");
        }
        try
        {
            _ffmpeg.StandardInput.Close();
        }
        catch (IOException)
        {
            // ffmpeg already exited; the exit code below reports it.
        }
        var exitCode = _ffmpeg.WaitForExit();
        if (exitCode != 0)
        {
            throw new IOException($"ffmpeg failed (exit code {exitCode}) writing {Path}: {_ffmpeg.StderrTail()}");
        }
        File.Move(_tempPath, Path, overwrite: true);
        _completed = true;
    }

    /// <summary>Stops ffmpeg; without a prior <see cref="Complete"/> the partial file is deleted.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _ffmpeg.Dispose();
        if (!_completed)
        {
            try
            {
                File.Delete(_tempPath);
            }
            catch (IOException)
            {
                // Best effort: a leftover temporary is never mistaken for a finished video, and AtomicFile.CleanStale removes it.
            }
        }
    }

    /// <summary>The frame rate as ffmpeg expects it: an integer, an NTSC-style N·1000/1001 rational, or a decimal.</summary>
    internal static string FrameRateArgument(double fps)
    {
        var rounded = Math.Round(fps);
        if (Math.Abs(fps - rounded) < 1e-9)
        {
            return ((long)rounded).ToString(CultureInfo.InvariantCulture);
        }
        var ntsc = Math.Round(fps * 1.001);
        if (Math.Abs(fps * 1.001 - ntsc) < 1e-6)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(long)ntsc * 1000}/1001");
        }
        return fps.ToString("R", CultureInfo.InvariantCulture);
    }

    private static List<string> Arguments(string output, string container, int width, int height, double fps, VideoWriterSettings s)
    {
        var args = new List<string>
        {
            "-hide_banner", "-loglevel", "error", "-nostats",
            "-f", "rawvideo", "-pix_fmt", "rgb24",
            "-video_size", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"),
            "-framerate", FrameRateArgument(fps),
            "-i", "pipe:0",
            "-an",
        };
        if (s.Quality == VideoQuality.Lossless)
        {
            // x264's RGB mode at qp 0 stores the planes losslessly; decoding gives back the exact bytes.
            args.AddRange(["-c:v", "libx264rgb", "-preset", s.Preset, "-qp", "0", "-pix_fmt", "rgb24"]);
        }
        else
        {
            args.AddRange(["-c:v", "libx264", "-preset", s.Preset, "-crf", s.Crf.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p"]);
        }
        if (s.KeyframeInterval is { } g)
        {
            args.AddRange(["-g", g.ToString(CultureInfo.InvariantCulture)]);
        }
        if (s.Threads > 0)
        {
            args.AddRange(["-threads", s.Threads.ToString(CultureInfo.InvariantCulture)]);
        }
        args.AddRange(["-f", container, "-y", output]);
        return args;
    }
}

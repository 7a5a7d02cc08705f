using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SynVid.Video;

/// <summary>
/// Reads any video ffmpeg can decode as 8-bit RGB frames, streamed through a pipe as raw rgb24 (no temporary files).
/// </summary>
/// <remarks>
/// Frames have the stream's coded size (rotation metadata is not applied, so frames match <see cref="Probe"/>), and
/// frame <c>i</c> is the i-th decoded frame in presentation order. A missing or undecodable file is a
/// <see cref="UserInputException"/> that names it; a missing ffmpeg is one with <see cref="Ffmpeg.InstallHint"/>.
/// Every call runs its own ffmpeg process, so calls may run concurrently. Starting ffmpeg or ffprobe costs about
/// 0.1–0.2 CPU-seconds on Debian 12 (it loads many codec libraries), which dominates short reads: probe a file once
/// and pass the <see cref="VideoInfo"/> to <see cref="ReadFrames(string, VideoInfo, IReadOnlyList{int})"/>.
/// </remarks>
public static class VideoReader
{
    /// <summary>
    /// <see cref="ReadFrames(string, IReadOnlyList{int})"/> seeks (instead of decoding from the start) only when the first wanted frame lies at
    /// least this many seconds in: seeking lands on the previous keyframe, so it pays off only on long videos.
    /// </summary>
    public const double SeekAfterSeconds = 2.0;

    /// <summary>Size, frame count and frame rate of the first video stream, from ffprobe.</summary>
    public static VideoInfo Probe(string path)
    {
        RequireFile(path);
        var stream = ProbeStream(path, countPackets: false);
        var width = stream.GetInt("width");
        var height = stream.GetInt("height");
        var frames = stream.GetInt("nb_frames");
        if (frames <= 0)
        {
            // Containers such as webm/mkv do not store a frame count; counting packets reads the file without decoding.
            frames = ProbeStream(path, countPackets: true).GetInt("nb_read_packets");
        }
        var averageRate = ParseRate(stream.GetString("avg_frame_rate"));
        var nominalRate = ParseRate(stream.GetString("r_frame_rate"));
        var fps = averageRate > 0 ? averageRate : nominalRate;
        if (width <= 0 || height <= 0 || frames <= 0 || fps <= 0)
        {
            throw new UserInputException(
                $"video {path}: could not determine size, frame count and frame rate (got {width}×{height}, {frames} frames, {fps} fps)");
        }
        var startTime = double.TryParse(stream.GetString("start_time"), CultureInfo.InvariantCulture, out var st) ? st : 0.0;
        return new VideoInfo(width, height, frames, fps)
        {
            StartTime = startTime,
            ConstantFrameRate = averageRate <= 0 || nominalRate <= 0 || Math.Abs(averageRate - nominalRate) < 1e-6 * nominalRate,
            Codec = stream.GetString("codec_name") ?? "",
        };
    }

    /// <summary>Decodes every frame into memory. For long videos prefer <see cref="Stream"/>.</summary>
    public static IReadOnlyList<RgbImage> ReadAll(string path) => Stream(path).ToList();

    /// <summary>
    /// Decodes frames one at a time as the sequence is enumerated; stopping the enumeration early stops ffmpeg.
    /// </summary>
    public static IEnumerable<RgbImage> Stream(string path)
    {
        var info = Probe(path);
        return Decode(path, info, seekSeconds: null, selectOffsets: null, maxFrames: null);
    }

    /// <summary>
    /// The frames at the given 0-based indices, in the order given (unsorted and repeated indices are fine; a repeated
    /// index yields separate copies). Decoding stops after the last wanted frame and, on long constant-rate videos,
    /// starts with a seek near the first one, so a short clip of a long video costs little.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0 .. FrameCount−1.</exception>
    public static IReadOnlyList<RgbImage> ReadFrames(string path, IReadOnlyList<int> indices) =>
        ReadFrames(path, Probe(path), indices);

    /// <summary>
    /// <see cref="ReadFrames(string, IReadOnlyList{int})"/> with an earlier <see cref="Probe"/> result of the same file,
    /// which saves running ffprobe again when one video is read many times (a dataset sampling clips).
    /// </summary>
    public static IReadOnlyList<RgbImage> ReadFrames(string path, VideoInfo info, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(indices);
        RequireFile(path);
        if (indices.Count == 0)
        {
            return [];
        }
        foreach (var index in indices)
        {
            if (index < 0 || index >= info.FrameCount)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices), index, $"video {path} has {info.FrameCount} frames (valid indices 0..{info.FrameCount - 1})");
            }
        }
        var wanted = indices.Distinct().Order().ToArray();
        var first = wanted[0];
        double? seek = null;
        if (info.ConstantFrameRate && first / info.Fps >= SeekAfterSeconds)
        {
            // Half a frame early, so timestamp rounding can never skip the wanted frame; ffmpeg's accurate seek then
            // drops every decoded frame before this time, and the next frame out is frame `first`.
            seek = info.StartTime + (first - 0.5) / info.Fps;
        }
        var origin = seek is null ? 0 : first;
        var offsets = wanted.Select(i => i - origin).ToArray();
        var decoded = Decode(path, info, seek, offsets, maxFrames: wanted.Length).ToList();
        if (decoded.Count != wanted.Length)
        {
            throw new UserInputException(
                $"video {path}: frame {wanted[decoded.Count]} could not be decoded (the file reports {info.FrameCount} frames)");
        }
        var byIndex = new Dictionary<int, RgbImage>(wanted.Length);
        for (var k = 0; k < wanted.Length; k++)
        {
            byIndex[wanted[k]] = decoded[k];
        }
        var result = new RgbImage[indices.Count];
        var used = new HashSet<int>();
        for (var k = 0; k < indices.Count; k++)
        {
            var frame = byIndex[indices[k]];
            result[k] = used.Add(indices[k]) ? frame : new RgbImage(frame.Width, frame.Height, (byte[])frame.Pixels.Clone());
        }
        return result;
    }

    private static IEnumerable<RgbImage> Decode(string path, VideoInfo info, double? seekSeconds, int[]? selectOffsets, int? maxFrames)
    {
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin", "-noautorotate" };
        if (seekSeconds is { } ss)
        {
            args.AddRange(["-ss", ss.ToString("R", CultureInfo.InvariantCulture)]);
        }
        args.AddRange(["-i", path, "-map", "0:v:0", "-an", "-sn", "-dn"]);
        if (selectOffsets is not null)
        {
            var terms = string.Join('+', selectOffsets.Select(o => string.Create(CultureInfo.InvariantCulture, $"eq(n,{o})")));
            args.AddRange(["-vf", $"select='{terms}'"]);
        }
        if (maxFrames is { } max)
        {
            args.AddRange(["-frames:v", max.ToString(CultureInfo.InvariantCulture)]);
        }
        // Passthrough: one output frame per decoded (and selected) frame. The default would duplicate or drop frames to
        // keep a constant rate, filling the gaps left by `select`.
        args.AddRange(["-vsync", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);

        using var ffmpeg = FfmpegProcess.Start("ffmpeg", args);
        var frameBytes = checked(info.Width * info.Height * 3);
        while (true)
        {
            var pixels = new byte[frameBytes];
            var read = ffmpeg.StandardOutput.ReadAtLeast(pixels, frameBytes, throwOnEndOfStream: false);
            if (read == 0)
            {
                break;
            }
            if (read < frameBytes)
            {
                ffmpeg.WaitForExit();
                throw new UserInputException(
                    $"video {path}: decoding ended inside a frame (frame size changes mid-stream are not supported) {ffmpeg.StderrTail()}".Trim());
            }
            yield return new RgbImage(info.Width, info.Height, pixels);
        }
        var exitCode = ffmpeg.WaitForExit();
        if (exitCode != 0)
        {
            throw new UserInputException($"video {path}: ffmpeg could not decode it (exit code {exitCode}): {ffmpeg.StderrTail()}");
        }
    }

    private static void RequireFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new UserInputException(Directory.Exists(path)
                ? $"video {path} is a folder, not a video file"
                : $"video file not found: {path}");
        }
    }

    private static ProbeResult ProbeStream(string path, bool countPackets)
    {
        var entries = countPackets
            ? "stream=nb_read_packets"
            : "stream=codec_name,width,height,nb_frames,avg_frame_rate,r_frame_rate,start_time";
        var args = new List<string> { "-v", "error", "-select_streams", "v:0" };
        if (countPackets)
        {
            args.Add("-count_packets");
        }
        args.AddRange(["-show_entries", entries, "-of", "json", path]);
        var (exitCode, stdout, stderr) = FfmpegProcess.Run("ffprobe", args);
        if (exitCode != 0)
        {
            throw new UserInputException($"video {path}: not a readable video ({FirstLine(stderr)})");
        }
        try
        {
            using var json = JsonDocument.Parse(stdout);
            if (!json.RootElement.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
            {
                throw new UserInputException($"video {path}: the file has no video stream");
            }
            return new ProbeResult(streams[0].Clone());
        }
        catch (JsonException e)
        {
            throw new UserInputException($"video {path}: unexpected ffprobe output ({e.Message})", e);
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return string.IsNullOrEmpty(line) ? "ffprobe failed" : line;
    }

    /// <summary>Parses an ffprobe rate such as "25/1" or "30000/1001"; 0 when unknown ("0/0").</summary>
    internal static double ParseRate(string? rate)
    {
        if (string.IsNullOrEmpty(rate))
        {
            return 0;
        }
        var parts = rate.Split('/');
        if (parts.Length == 2
            && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var num)
            && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var den)
            && den != 0)
        {
            return num / den;
        }
        return double.TryParse(rate, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    private readonly record struct ProbeResult(JsonElement Stream)
    {
        public string? GetString(string name) =>
            Stream.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null;

        public int GetInt(string name) =>
            int.TryParse(GetString(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}

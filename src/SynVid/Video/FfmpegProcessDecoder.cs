using System.Globalization;
using System.Text.Json;

namespace SynVid.Video;

/// <summary>
/// Decodes with one ffmpeg process per read, frames streamed through a pipe as raw rgb24 (no temporary files); probes
/// with ffprobe. Each call runs its own processes, so calls may run concurrently. Starting ffmpeg or ffprobe costs
/// about 0.1–0.2 CPU-seconds on Debian 12 (it loads many codec libraries).
/// </summary>
/// <remarks>
/// Frames come from ffmpeg's <c>fps</c> filter anchored at the first picture (<c>start_time</c> from
/// <see cref="SlotClock"/>), after <c>tpad</c> holds the last picture: the rule the in-process decoder implements in
/// <see cref="OnScreenFrames{T}"/>. Timestamps stay the file's own (<c>-copyts</c>), so a seek does not move slot 0.
/// </remarks>
internal sealed class FfmpegProcessDecoder : IVideoDecoder
{
    /// <summary>
    /// A read seeks only when the first wanted frame lies at least this many seconds in: seeking lands on the previous
    /// keyframe, so with a process per read it pays off only on long videos.
    /// </summary>
    public const double SeekAfterSeconds = 2.0;

    /// <summary>
    /// A seek aims this much before the wanted frame, so that a demuxer that seeks by decoding timestamps (which run
    /// ahead of presentation ones by the B-frame delay) still lands on a keyframe shown before it.
    /// </summary>
    private const double SeekMarginSeconds = 1.0;

    /// <inheritdoc />
    public VideoDecoderKind Kind => VideoDecoderKind.FfmpegProcess;

    /// <inheritdoc />
    public VideoInfo Probe(string path)
    {
        var args = new List<string>
        {
            "-v", "error", "-select_streams", "v:0", "-show_entries",
            "stream=codec_name,width,height,nb_frames,avg_frame_rate,r_frame_rate,start_pts,time_base:packet=pts,dts", "-of", "json", path,
        };
        var (exitCode, stdout, stderr) = FfmpegProcess.Run("ffprobe", args);
        if (exitCode != 0)
        {
            throw new UserInputException($"video {path}: not a readable video ({LastLine(stderr, "ffprobe failed")})");
        }
        try
        {
            using var json = JsonDocument.Parse(stdout);
            if (!json.RootElement.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
            {
                throw new UserInputException($"video {path}: the file has no video stream");
            }
            var stream = streams[0];
            long packets = 0, first = long.MaxValue, last = long.MinValue;
            if (json.RootElement.TryGetProperty("packets", out var list))
            {
                foreach (var packet in list.EnumerateArray())
                {
                    packets++;
                    if ((Long(packet, "pts") ?? Long(packet, "dts")) is { } time)
                    {
                        first = Math.Min(first, time);
                        last = Math.Max(last, time);
                    }
                }
            }
            return new StreamFacts(
                path, Text(stream, "codec_name") ?? "", (int)(Long(stream, "width") ?? 0), (int)(Long(stream, "height") ?? 0),
                Long(stream, "nb_frames") ?? 0, Rational.Parse(Text(stream, "avg_frame_rate")), Rational.Parse(Text(stream, "r_frame_rate")),
                Rational.Parse(Text(stream, "time_base")), Long(stream, "start_pts") ?? long.MinValue, packets,
                last >= first ? last - first : null, packets > 0 ? FirstPictureTime(path) : null).ToVideoInfo();
        }
        catch (JsonException e)
        {
            throw new UserInputException($"video {path}: unexpected ffprobe output ({e.Message})", e);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<RgbImage> Read(string path, VideoInfo info, IReadOnlyList<long> slots, FrameSize? size)
    {
        var clock = Clock(path, ref info);
        double? seek = null;
        var first = slots[0];
        if (clock is not null && first / info.Fps >= SeekAfterSeconds)
        {
            seek = clock.StartSeconds + (first - 0.5) / info.Fps - SeekMarginSeconds;
        }
        var terms = string.Join('+', slots.Select(s => string.Create(CultureInfo.InvariantCulture, $"eq(n,{s})")));
        var frames = Decode(path, info, clock, seek, $"select='{terms}'", slots.Count, size).ToList();
        if (frames.Count != slots.Count)
        {
            throw new UserInputException($"video {path}: frame {slots[frames.Count]} could not be decoded (the file reports {info.FrameCount} frames)");
        }
        return frames;
    }

    /// <inheritdoc />
    public IEnumerable<RgbImage> Stream(string path, VideoInfo info, FrameSize? size)
    {
        var clock = Clock(path, ref info);
        return Decode(path, info, clock, seekSeconds: null, select: null, info.FrameCount, size);
    }

    private SlotClock? Clock(string path, ref VideoInfo info)
    {
        if (!info.FrameRate.IsPositive || !info.TimeBase.IsPositive || info.FirstPictureTime is null)
        {
            // Made by hand (not probed from this file): probe for the stream's timing.
            var probed = Probe(path);
            info = info with { FrameRate = probed.FrameRate, TimeBase = probed.TimeBase, FirstPictureTime = probed.FirstPictureTime };
        }
        return info.FirstPictureTime is { } firstPicture ? new SlotClock(info.FrameRate, info.TimeBase, firstPicture) : null;
    }

    private static IEnumerable<RgbImage> Decode(string path, VideoInfo info, SlotClock? clock, double? seekSeconds, string? select, int count, FrameSize? size)
    {
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin", "-noautorotate" };
        if (seekSeconds is { } ss)
        {
            // Seek to the keyframe before this timestamp and keep every frame from there: fps fills slot 0 onwards.
            args.AddRange(["-seek_timestamp", "1", "-ss", ss.ToString("R", CultureInfo.InvariantCulture), "-noaccurate_seek"]);
        }
        args.AddRange(["-copyts", "-i", path, "-map", "0:v:0", "-an", "-sn", "-dn"]);
        var rate = info.FrameRate;
        var filters = new List<string>
        {
            "tpad=stop=-1:stop_mode=clone",
            clock is null ? $"fps=fps={rate}" : $"fps=fps={rate}:start_time={clock.StartSecondsText}",
        };
        if (select is not null)
        {
            filters.Add(select);
        }
        var (width, height) = (info.Width, info.Height);
        if (size is { } s && (s.Width, s.Height) != (width, height))
        {
            (width, height) = (s.Width, s.Height);
            filters.Add(string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}:flags=bilinear"));
        }
        args.AddRange(["-vf", string.Join(',', filters), "-frames:v", count.ToString(CultureInfo.InvariantCulture)]);
        // Passthrough: one output frame per frame out of the filters, whatever their timestamps.
        args.AddRange(["-vsync", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);

        using var ffmpeg = FfmpegProcess.Start("ffmpeg", args);
        var frameBytes = checked(width * height * 3);
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
            yield return new RgbImage(width, height, pixels);
        }
        var exitCode = ffmpeg.WaitForExit();
        if (exitCode != 0)
        {
            throw new UserInputException($"video {path}: ffmpeg could not decode it (exit code {exitCode}): {ffmpeg.StderrTail()}");
        }
    }

    /// <summary>The decoder's timestamp of the first picture (decodes only the first few packets).</summary>
    private static long? FirstPictureTime(string path)
    {
        var args = new List<string>
        {
            "-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#8", "-show_entries", "frame=best_effort_timestamp",
            "-of", "csv=p=0", path,
        };
        var (exitCode, stdout, _) = FfmpegProcess.Run("ffprobe", args);
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var field = line?.Split(',')[0];
        return exitCode == 0 && long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string LastLine(string text, string fallback)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return string.IsNullOrEmpty(line) ? fallback : line;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null;

    private static long? Long(JsonElement element, string name) =>
        long.TryParse(Text(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

namespace SynVid.Video;

/// <summary>
/// Reads any video FFmpeg can decode as 8-bit RGB frames: in-process through FFmpeg's libraries where they are
/// installed, else through ffmpeg processes (<see cref="VideoDecoding"/>); both give the same frames.
/// </summary>
/// <remarks>
/// Frames have the stream's coded size (rotation metadata is not applied, so frames match <see cref="Probe(string)"/>).
/// Frame <c>i</c> is the picture on screen at time <c>i</c>/fps after the first picture, as a player shows it: a
/// picture holds until the next one's timestamp (rounded to the nearest frame), so a variable-frame-rate file whose
/// stream holds fewer pictures than its frame count reads whole; on constant-rate files frame <c>i</c> is simply the
/// i-th picture. A missing or undecodable file is a <see cref="UserInputException"/> that names it, and so is a
/// truncated one (its pictures end well before its frame count) when a read reaches past its end. Reads share no
/// state and may run concurrently. Probe a file once and pass the <see cref="VideoInfo"/> to
/// <see cref="ReadFrames(string, VideoInfo, IReadOnlyList{int}, FrameSize?, VideoDecoderKind?)"/>.
/// </remarks>
public static class VideoReader
{
    /// <summary>
    /// The ffmpeg-process decoder seeks (instead of decoding from the start) only when the first wanted frame lies at
    /// least this many seconds in, since a process per read pays for a seek only on long videos. The in-process
    /// decoder always seeks to the keyframe at or before the first wanted frame.
    /// </summary>
    public const double SeekAfterSeconds = FfmpegProcessDecoder.SeekAfterSeconds;

    /// <summary>Size, frame count and frame rate of the first video stream.</summary>
    public static VideoInfo Probe(string path) => Probe(path, null);

    /// <summary>Size, frame count and frame rate of the first video stream, through <paramref name="decoder"/> (null: <see cref="VideoDecoding.Default"/>).</summary>
    public static VideoInfo Probe(string path, VideoDecoderKind? decoder)
    {
        RequireFile(path);
        return VideoDecoding.Get(decoder).Probe(path);
    }

    /// <summary>Decodes every frame into memory. For long videos prefer <see cref="Stream"/>.</summary>
    public static IReadOnlyList<RgbImage> ReadAll(string path, VideoDecoderKind? decoder = null) => Stream(path, null, decoder).ToList();

    /// <summary>
    /// Decodes frames 0 .. FrameCount − 1 one at a time as the sequence is enumerated (at <paramref name="size"/> when
    /// given); stopping the enumeration early stops decoding.
    /// </summary>
    public static IEnumerable<RgbImage> Stream(string path, FrameSize? size = null, VideoDecoderKind? decoder = null)
    {
        var reader = VideoDecoding.Get(decoder);
        RequireFile(path);
        var info = reader.Probe(path);
        RequireSize(size);
        RequireCovered(path, info, info.FrameCount - 1);
        return reader.Stream(path, info, size);
    }

    /// <summary>
    /// The frames at the given 0-based indices, in the order given (unsorted and repeated indices are fine; a repeated
    /// index yields separate copies). Decoding starts at the keyframe before the first wanted frame and stops after the
    /// last one, so a short clip of a long video costs little.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0 .. FrameCount−1.</exception>
    public static IReadOnlyList<RgbImage> ReadFrames(string path, IReadOnlyList<int> indices) =>
        ReadFrames(path, Probe(path), indices);

    /// <summary>
    /// <see cref="ReadFrames(string, IReadOnlyList{int})"/> with an earlier <see cref="Probe(string)"/> result of the
    /// same file, which saves probing again when one video is read many times (a dataset sampling clips). With
    /// <paramref name="size"/> the frames are scaled (bilinear) while they are converted to RGB.
    /// </summary>
    public static IReadOnlyList<RgbImage> ReadFrames(string path, VideoInfo info, IReadOnlyList<int> indices, FrameSize? size = null, VideoDecoderKind? decoder = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(indices);
        RequireFile(path);
        RequireSize(size);
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
        RequireCovered(path, info, wanted[^1], wanted);
        var decoded = VideoDecoding.Get(decoder).Read(path, info, wanted.Select(i => (long)i).ToArray(), size);
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

    /// <summary>
    /// How many frames at the end a file's pictures may fall short of its frame count and still read, the last picture
    /// holding: a container's count may include a few trailing empty frames. More than this is a truncated file.
    /// </summary>
    public static int TailTolerance(int frameCount) => Math.Max(2, frameCount / 10);

    private static void RequireCovered(string path, VideoInfo info, int last, int[]? wanted = null)
    {
        if (info.CoveredFrames is { } covered && last >= covered && info.FrameCount - covered > TailTolerance(info.FrameCount))
        {
            var first = wanted?.First(i => i >= covered) ?? covered;
            throw new UserInputException($"video {path}: frame {first} could not be decoded (the file reports {info.FrameCount} frames)");
        }
    }

    private static void RequireSize(FrameSize? size)
    {
        if (size is { } s && (s.Width < 1 || s.Height < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"frame size {s.Width}×{s.Height} must be at least 1×1");
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
}

using SynVid.Video.LibAv;

namespace SynVid.Video;

/// <summary>
/// Chooses how <see cref="VideoReader"/> decodes: in-process through FFmpeg's shared libraries when they load (FFmpeg
/// 5.1's, as Debian 12 installs them with ffmpeg), else one ffmpeg process per read. The environment variable
/// <see cref="EnvironmentVariable"/> can force either (<c>inprocess</c>, <c>ffmpeg</c>; <c>auto</c> is the default).
/// </summary>
public static class VideoDecoding
{
    /// <summary>The environment variable that overrides the automatic choice.</summary>
    public const string EnvironmentVariable = "SYNVID_VIDEO_DECODER";

    // Loaded at most once per process: the libraries are process-wide anyway, and the outcome never changes.
    private static readonly Lazy<(LibAvDecoder? Decoder, string Reason, string Versions)> InProcess = new(() =>
    {
        var libraries = LibAvLibraries.TryLoad(out var reason);
        return libraries is null ? (null, reason, "") : (new LibAvDecoder(libraries), "", libraries.Versions);
    });

    private static readonly FfmpegProcessDecoder Processes = new();

    /// <summary>Whether the in-process decoder is available here.</summary>
    public static bool InProcessAvailable => InProcess.Value.Decoder is not null;

    /// <summary>Why the in-process decoder is unavailable (one sentence), or "" when it is available.</summary>
    public static string InProcessUnavailableReason => InProcess.Value.Reason;

    /// <summary>The decoder reads use unless they name one: see the class summary.</summary>
    public static VideoDecoderKind Default => Requested() ?? (InProcessAvailable ? VideoDecoderKind.InProcess : VideoDecoderKind.FfmpegProcess);

    /// <summary>One line for <c>synvid info</c>: the decoder in use, with library versions or why the fallback is used.</summary>
    public static string Describe() => Default == VideoDecoderKind.InProcess
        ? InProcessAvailable
            ? $"in-process ({InProcess.Value.Versions})"
            : $"in-process requested by {EnvironmentVariable}, but {InProcessUnavailableReason}"
        : Requested() == VideoDecoderKind.FfmpegProcess
            ? $"ffmpeg processes (chosen by {EnvironmentVariable})"
            : $"ffmpeg processes: {InProcessUnavailableReason}";

    /// <summary>The decoder of <paramref name="kind"/>, or of <see cref="Default"/>.</summary>
    internal static IVideoDecoder Get(VideoDecoderKind? kind) => (kind ?? Default) switch
    {
        VideoDecoderKind.InProcess => InProcess.Value.Decoder ?? throw new UserInputException(char.ToUpperInvariant(InProcessUnavailableReason[0]) + InProcessUnavailableReason[1..]),
        _ => Processes,
    };

    private static VideoDecoderKind? Requested() => Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "inprocess" or "in-process" or "libav" => VideoDecoderKind.InProcess,
        "ffmpeg" or "process" or "ffmpeg-process" => VideoDecoderKind.FfmpegProcess,
        var other => throw new UserInputException($"{EnvironmentVariable}={other} is not a decoder: use auto, inprocess or ffmpeg"),
    };
}

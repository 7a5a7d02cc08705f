using System.Runtime.InteropServices;
using SynVid.Video;

namespace SynVid.Tests.Video;

/// <summary>
/// Whether tests can use the in-process decoder here. It needs FFmpeg 5.1's libraries, which the project's set-up
/// installs on Debian 12; elsewhere (another FFmpeg, no FFmpeg libraries) tests of it pass without running, and
/// <see cref="DecoderParityTests"/> checks that the fallback is chosen instead.
/// </summary>
internal static class InProcessDecoding
{
    /// <summary>Whether the system has FFmpeg 5.1's libavformat, so in-process decoding must work.</summary>
    public static bool Expected
    {
        get
        {
            if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libavformat.so.59", out var handle))
            {
                return false;
            }
            NativeLibrary.Free(handle);
            return true;
        }
    }

    /// <summary>True when <paramref name="decoder"/> cannot run here (in-process without its libraries): the test then has nothing to check.</summary>
    public static bool Unavailable(VideoDecoderKind? decoder = VideoDecoderKind.InProcess) =>
        decoder == VideoDecoderKind.InProcess && !VideoDecoding.InProcessAvailable;
}

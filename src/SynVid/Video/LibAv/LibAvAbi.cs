namespace SynVid.Video.LibAv;

/// <summary>
/// Constants and public struct field offsets of FFmpeg 5.1 (libavformat 59, libavcodec 59, libavutil 57) on 64-bit
/// platforms, read from its headers. FFmpeg only appends fields within a major version, so these hold for every 5.x
/// minor release; <see cref="LibAvLibraries"/> refuses other majors.
/// </summary>
internal static class LibAvAbi
{
    public const int LogQuiet = -8;
    public const int MediaTypeVideo = 0;
    public const int SeekBackward = 1;
    public const int PixelFormatRgb24 = 2;
    public const int RangeJpeg = 2;
    public const int ErrorEof = -541478725; // AVERROR_EOF, FFERRTAG('E','O','F',' ')
    public const long NoPts = long.MinValue;

    /// <summary>AVERROR(EAGAIN): minus the platform's EAGAIN.</summary>
    public static int ErrorAgain => OperatingSystem.IsMacOS() ? -35 : -11;

    public const int SwsBilinear = 2;
    public const int SwsBicubic = 4;

    // AVFormatContext
    public const int FormatNbStreams = 44;
    public const int FormatStreams = 48;

    // AVStream
    public const int StreamTimeBase = 16;
    public const int StreamStartTime = 24;
    public const int StreamNbFrames = 40;
    public const int StreamAvgFrameRate = 72;
    public const int StreamRFrameRate = 200;
    public const int StreamCodecPar = 208;

    // AVCodecParameters
    public const int ParCodecType = 0;
    public const int ParCodecId = 4;
    public const int ParWidth = 56;
    public const int ParHeight = 60;

    // AVCodecContext
    public const int CodecSkipFrame = 692;

    // AVPacket
    public const int PacketPts = 8;
    public const int PacketDts = 16;
    public const int PacketStreamIndex = 36;

    // AVFrame
    public const int FrameData = 0;
    public const int FrameLinesize = 64;
    public const int FrameWidth = 104;
    public const int FrameHeight = 108;
    public const int FrameFormat = 116;
    public const int FrameColorRange = 320;
    public const int FrameColorSpace = 332;
    public const int FrameBestEffortTimestamp = 344;
}

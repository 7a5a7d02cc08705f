namespace SynVid.Video;

/// <summary>
/// What <see cref="VideoReader.Probe"/> reports about a video's first video stream.
/// </summary>
/// <param name="Width">Frame width in pixels (the coded size; rotation metadata is ignored).</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="FrameCount">Number of frames: the container's count, or the number of packets when the container has none.</param>
/// <param name="Fps">Frames per second (the stream's average frame rate).</param>
public sealed record VideoInfo(int Width, int Height, int FrameCount, double Fps)
{
    /// <summary>Presentation time of the first frame in seconds (0 for most files).</summary>
    public double StartTime { get; init; }

    /// <summary>Whether the stream declares a constant frame rate (average rate equals the nominal rate).</summary>
    public bool ConstantFrameRate { get; init; } = true;

    /// <summary>The decoder's name as ffprobe reports it, e.g. "h264".</summary>
    public string Codec { get; init; } = "";
}

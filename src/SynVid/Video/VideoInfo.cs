namespace SynVid.Video;

/// <summary>
/// What <see cref="VideoReader.Probe(string)"/> reports about a video's first video stream.
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

    /// <summary><see cref="Fps"/> as the exact ratio the file stores (0/0 when the info was not probed from a file).</summary>
    public Rational FrameRate { get; init; }

    /// <summary>The unit of the stream's timestamps (0/0 when the info was not probed from a file).</summary>
    public Rational TimeBase { get; init; }

    /// <summary>
    /// Timestamp (in <see cref="TimeBase"/> units) of the first picture the decoder returns: frame slot 0. Null when
    /// unknown; readers then decode the first picture to learn it.
    /// </summary>
    public long? FirstPictureTime { get; init; }

    /// <summary>
    /// Frame slots from the first to the last packet's timestamp, inclusive: how much of <see cref="FrameCount"/> the
    /// stream's pictures really cover. Well below <see cref="FrameCount"/> means a truncated file. Null when unknown.
    /// </summary>
    public int? CoveredFrames { get; init; }
}

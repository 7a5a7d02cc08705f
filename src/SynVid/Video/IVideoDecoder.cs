namespace SynVid.Video;

/// <summary>
/// One way of decoding video files (<see cref="VideoDecoderKind"/>). Callers pass validated requests; the frame rule
/// (frame <c>i</c> is the picture on screen at slot <c>i</c>, see <see cref="OnScreenFrames{T}"/>) is the same in all.
/// </summary>
internal interface IVideoDecoder
{
    /// <summary>Which decoder this is.</summary>
    VideoDecoderKind Kind { get; }

    /// <summary>The stream's facts as ffprobe reports them, interpreted by <see cref="StreamFacts.ToVideoInfo"/>.</summary>
    VideoInfo Probe(string path);

    /// <summary>The frames at <paramref name="slots"/> (ascending, distinct, inside the video), at native size or <paramref name="size"/>.</summary>
    IReadOnlyList<RgbImage> Read(string path, VideoInfo info, IReadOnlyList<long> slots, FrameSize? size);

    /// <summary>Every frame slot 0 .. FrameCount − 1 in order, decoded as the sequence is enumerated.</summary>
    IEnumerable<RgbImage> Stream(string path, VideoInfo info, FrameSize? size);
}

namespace SynVid.Video.LibAv;

/// <summary>
/// Decodes in this process through FFmpeg's libraries: one open file and one single-threaded decoder per read, no
/// state shared between reads, so reads may run concurrently on many threads. A read seeks to the keyframe at or
/// before its first wanted frame, decodes forward, and converts only the pictures on screen at wanted frames.
/// </summary>
internal sealed class LibAvDecoder : IVideoDecoder
{
    private readonly LibAvLibraries _av;

    public LibAvDecoder(LibAvLibraries av)
    {
        _av = av;
    }

    /// <inheritdoc />
    public VideoDecoderKind Kind => VideoDecoderKind.InProcess;

    /// <inheritdoc />
    public VideoInfo Probe(string path)
    {
        using var file = LibAvVideoFile.Open(_av, path, findStreamInfo: true);
        return file.Probe();
    }

    /// <inheritdoc />
    public IReadOnlyList<RgbImage> Read(string path, VideoInfo info, IReadOnlyList<long> slots, FrameSize? size)
    {
        using var file = LibAvVideoFile.Open(_av, path, findStreamInfo: false);
        using var reader = new LibAvFrameReader(_av, file, path, info, size);
        return reader.Read(slots);
    }

    /// <inheritdoc />
    public IEnumerable<RgbImage> Stream(string path, VideoInfo info, FrameSize? size)
    {
        using var file = LibAvVideoFile.Open(_av, path, findStreamInfo: false);
        using var reader = new LibAvFrameReader(_av, file, path, info, size);
        foreach (var frame in reader.Stream())
        {
            yield return frame;
        }
    }
}

using SynVid.Video;

namespace SynVid.Analysis.Data;

/// <summary>A random-access set of videos that analysis samples frames and clips from. Implementations are thread-safe.</summary>
public interface IVideoCollection : IDisposable
{
    /// <summary>Short description for outputs, e.g. <c>stage:moving-circles (seed 0, 9537 videos)</c>.</summary>
    string Name { get; }

    /// <summary>Number of videos.</summary>
    int Count { get; }

    /// <summary>Number of frames of video <paramref name="video"/> (at least 1).</summary>
    int FrameCount(int video);

    /// <summary>Frames <paramref name="frames"/> of video <paramref name="video"/>, at native resolution, in the order asked.</summary>
    IReadOnlyList<RgbImage> ReadFrames(int video, IReadOnlyList<int> frames);
}

using SynVid.Video;

namespace SynVid.Datasets.Specs;

/// <summary>Checks that a video file can be read, for <see cref="DatasetLoadOptions.Probe"/>.</summary>
public static class VideoFileCheck
{
    /// <summary>
    /// Null when <see cref="VideoReader.Probe(string)"/> finds a video stream with a size, frame count and frame rate;
    /// otherwise the reason. Costs a few milliseconds per file in-process (reading the file once), or two ffprobe
    /// processes with the fallback decoder.
    /// </summary>
    public static string? Ffprobe(string path)
    {
        try
        {
            var info = VideoReader.Probe(path);
            return info.FrameCount > 0 ? null : "no frames";
        }
        catch (UserInputException e)
        {
            return e.Message;
        }
    }
}

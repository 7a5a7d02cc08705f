namespace SynVid.Video;

/// <summary>
/// Every frame of a video file for commands that rewrite whole videos (<c>perturb</c>, <c>perturb-dataset</c>), with
/// the check that the file is whole: a truncated file, whose decodable pictures end well before the frame count its
/// container declares, is a <see cref="UserInputException"/> rather than a silently shorter video.
/// </summary>
public static class WholeVideo
{
    /// <summary>
    /// How many frames the decoded pictures may fall short of the container's count (a container may count a few
    /// trailing empty frames): 2, or a tenth of the count for long videos. The readers' own rule
    /// (<see cref="VideoReader.TailTolerance"/>), which already stops a read that reaches past a truncated file's end.
    /// </summary>
    public static int Tolerance(int frameCount) => VideoReader.TailTolerance(frameCount);

    /// <summary>The frames of <paramref name="path"/> and its description.</summary>
    public static (IReadOnlyList<RgbImage> Frames, VideoInfo Info) Read(string path)
    {
        var info = VideoReader.Probe(path);
        IReadOnlyList<RgbImage> frames;
        try
        {
            frames = VideoReader.ReadAll(path);
        }
        catch (UserInputException e)
        {
            // Both decoders fail a read that reaches past a truncated file's end instead of returning fewer frames.
            var reason = e.Message.StartsWith($"video {path}: ", StringComparison.Ordinal) ? e.Message[$"video {path}: ".Length..] : e.Message;
            throw new UserInputException($"video {path}: truncated or damaged: {reason}", e);
        }
        if (frames.Count == 0 || info.FrameCount - frames.Count > Tolerance(info.FrameCount))
        {
            throw new UserInputException(
                $"video {path}: truncated: only {frames.Count} of the {info.FrameCount} frames its container declares can be decoded");
        }
        return (frames, info);
    }
}

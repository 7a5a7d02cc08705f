namespace SynVid.Video;

/// <summary>
/// What a reader learned about a file's first video stream, in the units the container stores, before interpretation.
/// Both readers (in-process and ffprobe) fill one and <see cref="ToVideoInfo"/> interprets it, so their
/// <see cref="VideoInfo"/> agree.
/// </summary>
/// <param name="Path">The file, for messages.</param>
/// <param name="Codec">The codec's name ("h264").</param>
/// <param name="Width">Coded width.</param>
/// <param name="Height">Coded height.</param>
/// <param name="ContainerFrames">The container's frame count, 0 when it has none.</param>
/// <param name="AverageRate">The stream's average frame rate, 0/0 when unknown.</param>
/// <param name="NominalRate">The stream's nominal (real base) frame rate.</param>
/// <param name="TimeBase">The unit of the stream's timestamps.</param>
/// <param name="StartPts">The stream's start time in <paramref name="TimeBase"/> units (<see cref="long.MinValue"/> when unknown).</param>
/// <param name="Packets">Number of packets of the stream.</param>
/// <param name="PacketSpan">Last minus first packet timestamp (presentation, else decoding), null when no packet has one.</param>
/// <param name="FirstPictureTime">The decoder's timestamp of its first picture, null when none decodes.</param>
internal sealed record StreamFacts(
    string Path, string Codec, int Width, int Height, long ContainerFrames, Rational AverageRate, Rational NominalRate, Rational TimeBase,
    long StartPts, long Packets, long? PacketSpan, long? FirstPictureTime)
{
    /// <summary>The <see cref="VideoInfo"/> of the stream, or a <see cref="UserInputException"/> when size, frame count or rate are missing.</summary>
    public VideoInfo ToVideoInfo()
    {
        var frames = ContainerFrames > 0 ? ContainerFrames : Packets;
        var average = AverageRate.IsPositive ? AverageRate.Value : 0;
        var nominal = NominalRate.IsPositive ? NominalRate.Value : 0;
        var rate = (AverageRate.IsPositive ? AverageRate : NominalRate).Reduced();
        var fps = rate.IsPositive ? rate.Value : 0;
        if (Width <= 0 || Height <= 0 || frames <= 0 || frames > int.MaxValue || fps <= 0)
        {
            throw new UserInputException(
                $"video {Path}: could not determine size, frame count and frame rate (got {Width}×{Height}, {frames} frames, {fps} fps)");
        }
        var timeBase = TimeBase.Reduced();
        int? covered = PacketSpan is { } span && timeBase.IsPositive
            ? (int)Math.Min(int.MaxValue, Timestamps.Rescale(span, timeBase, new Rational(rate.Denominator, rate.Numerator)) + 1)
            : null;
        return new VideoInfo(Width, Height, (int)frames, fps)
        {
            StartTime = StartPts == long.MinValue || !timeBase.IsPositive ? 0 : StartPts * (double)timeBase.Numerator / timeBase.Denominator,
            ConstantFrameRate = average <= 0 || nominal <= 0 || Math.Abs(average - nominal) < 1e-6 * nominal,
            Codec = Codec,
            FrameRate = rate,
            TimeBase = timeBase,
            FirstPictureTime = FirstPictureTime,
            CoveredFrames = covered,
        };
    }
}

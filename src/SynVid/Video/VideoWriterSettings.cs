namespace SynVid.Video;

/// <summary>Encoder settings of a <see cref="VideoWriter"/>.</summary>
/// <param name="Quality">H.264 (lossy, yuv420p) or lossless RGB.</param>
/// <param name="Crf">x264 constant rate factor for <see cref="VideoQuality.H264"/> (0–51, lower is better; 18 is visually
/// near-transparent). Ignored for <see cref="VideoQuality.Lossless"/>.</param>
/// <param name="Preset">x264 speed preset (ultrafast … veryslow). The default, veryfast, costs about half the CPU time of
/// x264's own default (medium) per frame on synthetic 256² videos, with files of about the same size at the same CRF
/// (bench: video-encode).</param>
/// <param name="Threads">Encoder threads; 0 lets x264 choose (all cores). Use 1 when many writers run in parallel.</param>
/// <param name="KeyframeInterval">Most frames between keyframes (x264 <c>-g</c>); null keeps x264's default of 250.
/// Shorter intervals make seeking in long videos cheaper (<see cref="VideoReader.ReadFrames(string, IReadOnlyList{int})"/>) at some cost in size.</param>
public sealed record VideoWriterSettings(
    VideoQuality Quality = VideoQuality.H264,
    int Crf = 18,
    string Preset = "veryfast",
    int Threads = 0,
    int? KeyframeInterval = null)
{
    internal static readonly string[] Presets =
        ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo"];

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (Crf is < 0 or > 51)
        {
            throw new UserInputException($"video quality: crf must be in 0..51, got {Crf}");
        }
        if (!Presets.Contains(Preset))
        {
            throw new UserInputException($"video quality: unknown x264 preset '{Preset}' (known: {string.Join(", ", Presets)})");
        }
        if (KeyframeInterval is < 1)
        {
            throw new UserInputException($"video quality: keyframe interval must be at least 1, got {KeyframeInterval}");
        }
        if (Threads < 0)
        {
            throw new UserInputException($"video quality: threads must be 0 (automatic) or more, got {Threads}");
        }
    }
}

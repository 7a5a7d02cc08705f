using SynVid.Video;

namespace SynVid.Synthesis;

/// <summary>One training clip rendered on the fly.</summary>
/// <param name="Index">Sample index within the epoch.</param>
/// <param name="Frames">The rendered frames, in time order.</param>
/// <param name="FrameIndices">Which frames of the video they are.</param>
/// <param name="VideoFrames">Length of the (virtual) video the clip was taken from.</param>
public sealed record SyntheticClip(int Index, IReadOnlyList<RgbImage> Frames, IReadOnlyList<int> FrameIndices, int VideoFrames);

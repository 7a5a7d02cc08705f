namespace SynVid.Video;

/// <summary>A frame size in pixels, for reads that scale frames while converting them to RGB.</summary>
/// <param name="Width">Width in pixels (at least 1).</param>
/// <param name="Height">Height in pixels (at least 1).</param>
public readonly record struct FrameSize(int Width, int Height);

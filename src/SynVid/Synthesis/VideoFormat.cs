namespace SynVid.Synthesis;

/// <summary>How <see cref="DatasetGenerator"/> stores each video.</summary>
public enum VideoFormat
{
    /// <summary>One H.264 mp4 per video (25 fps).</summary>
    Mp4,

    /// <summary>One folder of numbered PNG frames per video.</summary>
    Png,
}

namespace SynVid.Video;

/// <summary>How <see cref="VideoWriter"/> encodes frames.</summary>
public enum VideoQuality
{
    /// <summary>
    /// H.264 (libx264), 4:2:0 chroma (yuv420p), constant rate factor <c>crf</c>: small files every player opens; lossy.
    /// Needs an even width and height.
    /// </summary>
    H264,

    /// <summary>
    /// H.264 in RGB (libx264rgb, <c>-qp 0</c>): mathematically lossless, reading the file back gives exactly the RGB bytes
    /// that were written. Files are several times larger than <see cref="H264"/> and some players cannot show them.
    /// </summary>
    Lossless,
}

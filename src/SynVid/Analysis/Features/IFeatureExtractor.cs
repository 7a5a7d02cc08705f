using SynVid.Analysis.Metrics;
using SynVid.Video;

namespace SynVid.Analysis.Features;

/// <summary>
/// Turns frames into (N, d) feature vectors (FID, KID, diversity) and 16-frame clips into (N, d') vectors (FVD). Frames
/// may have any size: each extractor resizes them to its input size with anti-aliased bicubic interpolation.
/// </summary>
public interface IFeatureExtractor : IDisposable
{
    /// <summary>The spec it was opened from, e.g. <c>random:0</c>.</summary>
    string Name { get; }

    /// <summary>Whether the features are those of the standard Inception-v3 pool3 layer (only then compare with published FID).</summary>
    bool ComparableWithPublishedFid { get; }

    /// <summary>Frames per clip of the video form (16 for FVD).</summary>
    int ClipLength { get; }

    /// <summary>Whether <see cref="ExtractClips"/> is available (ONNX models need a 5-D input).</summary>
    bool SupportsClips { get; }

    /// <summary>Features of each frame, one row per frame.</summary>
    FeatureMatrix ExtractFrames(IReadOnlyList<RgbImage> frames);

    /// <summary>Features of each clip of <see cref="ClipLength"/> frames, one row per clip.</summary>
    FeatureMatrix ExtractClips(IReadOnlyList<IReadOnlyList<RgbImage>> clips);
}

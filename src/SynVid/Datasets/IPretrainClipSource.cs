using SynVid.Video;

namespace SynVid.Datasets;

/// <summary>
/// Clips for pre-training: sample <c>i</c>'s frames (already temporally sampled, e.g. 16 frames at stride 4) are a
/// pure function of the source's configuration, its seed and <c>i</c>. Implementations are thread-safe.
/// </summary>
public interface IPretrainClipSource
{
    /// <summary>A short description for the run's config and logs.</summary>
    string Name { get; }

    /// <summary>The frames of sample <paramref name="sampleIndex"/>; all of one size.</summary>
    IReadOnlyList<RgbImage> Clip(long sampleIndex);
}

using SynVid.Datasets.Specs;

namespace SynVid.Datasets;

/// <summary>A source of videos that leaves bad ones out under <see cref="BadVideoPolicy.Skip"/> and says which.</summary>
public interface ISkippedVideos
{
    /// <summary>The videos left out so far (missing when the list was read, or unreadable when sampled).</summary>
    IReadOnlyList<SkippedVideo> SkippedVideos { get; }
}

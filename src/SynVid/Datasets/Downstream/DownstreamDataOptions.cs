using SynVid.Datasets.Specs;
using SynVid.Datasets.SynAction;

namespace SynVid.Datasets.Downstream;

/// <summary>How a downstream dataset is opened and sampled.</summary>
/// <param name="ClipLength">Frames per clip (16 in every reference recipe, docs/reference-behaviour.md §5.3).</param>
/// <param name="Stride">Frame stride; null takes the dataset's default (§5.3: 4 UCF101, 2 HMDB51).</param>
/// <param name="Seed">Seed of motion-probe clip positions.</param>
/// <param name="OnBadVideo">Fail on the first missing or unreadable video, or skip and count.</param>
/// <param name="SplitsDirectory">Explicit folder of official split lists.</param>
/// <param name="SynAction">Configuration of the built-in benchmark.</param>
/// <param name="ProbeVideos">
/// Probe every listed file of the splits read (in parallel) before any work, so that a file that is not a video
/// fails or is skipped before a run starts. Costs nothing overall: the description is kept for reading, and every
/// listed video is described when it is first read anyway. Without it, listed files must exist and be non-empty.
/// A file that probes but cannot be decoded (a truncated one) is found when it is read.
/// </param>
/// <param name="Splits">The splits the command reads (<see cref="SplitNames"/>); null: all of them.</param>
/// <param name="FrameCacheBytes">
/// Budget for keeping whole decoded video files in memory (0: none): a cached video is decoded once instead of once per
/// clip, which makes many epochs over a small file dataset (motion probes list each video once per class) cheap.
/// </param>
public sealed record DownstreamDataOptions(
    int ClipLength = 16,
    int? Stride = null,
    int Seed = 0,
    BadVideoPolicy OnBadVideo = BadVideoPolicy.Fail,
    string? SplitsDirectory = null,
    SynActionConfig? SynAction = null,
    bool ProbeVideos = true,
    IReadOnlySet<string>? Splits = null,
    long FrameCacheBytes = 0);

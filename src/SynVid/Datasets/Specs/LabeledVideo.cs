namespace SynVid.Datasets.Specs;

/// <summary>
/// One video and its 0-based label. <paramref name="Path"/> is a file path, or for the built-in benchmark a key
/// <c>synaction:SPLIT/INDEX</c> (see <see cref="SynActionLists"/>).
/// </summary>
/// <param name="Path">File path (absolute) or benchmark key.</param>
/// <param name="Label">0-based class index.</param>
public sealed record LabeledVideo(string Path, int Label);

/// <summary>A video left out by <see cref="BadVideoPolicy.Skip"/>, and why.</summary>
/// <param name="Path">The video as listed (resolved path).</param>
/// <param name="Reason">What is wrong with it.</param>
/// <param name="Split">The split whose list names it (<see cref="SplitNames"/>), empty when unknown.</param>
public sealed record SkippedVideo(string Path, string Reason, string Split = "");

/// <summary>What to do with listed videos that are missing or unreadable.</summary>
public enum BadVideoPolicy
{
    /// <summary>Stop with an error naming the first bad video (the default).</summary>
    Fail,

    /// <summary>Leave them out and count them (<see cref="DatasetSplits.Skipped"/>).</summary>
    Skip,
}

/// <summary>How a dataset is loaded and validated.</summary>
/// <param name="OnBadVideo">Fail on the first bad video, or skip and count.</param>
/// <param name="SplitsDirectory">Explicit folder of official split lists (UCF101 <c>ucfTrainTestlist</c>, HMDB51 split files).</param>
/// <param name="Probe">
/// Optional check of each existing file (for example decoding its header); returns null when the video is usable,
/// otherwise the reason. Without it, validation checks that every listed file exists. Files are probed in parallel.
/// </param>
/// <param name="Splits">
/// The splits the command reads (<see cref="SplitNames"/>); the videos of the others are neither checked nor counted
/// as skipped (only their labels are). Null: every split.
/// </param>
public sealed record DatasetLoadOptions(
    BadVideoPolicy OnBadVideo = BadVideoPolicy.Fail,
    string? SplitsDirectory = null,
    Func<string, string?>? Probe = null,
    IReadOnlySet<string>? Splits = null)
{
    /// <summary>Fail on bad videos, find split lists in their usual places, existence checks only.</summary>
    public static DatasetLoadOptions Default { get; } = new();
}

/// <summary>A labelled dataset, validated: class names and the videos of each split.</summary>
/// <param name="Name">Short description, e.g. "ucf101 split 1 (/data/UCF-101)".</param>
/// <param name="ClassNames">Class names in label order.</param>
/// <param name="Train">Training videos.</param>
/// <param name="Validation">Validation videos (the reference validates on the test list).</param>
/// <param name="Test">Test videos.</param>
/// <param name="Skipped">Videos left out under <see cref="BadVideoPolicy.Skip"/>.</param>
public sealed record DatasetSplits(
    string Name,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<LabeledVideo> Train,
    IReadOnlyList<LabeledVideo> Validation,
    IReadOnlyList<LabeledVideo> Test,
    IReadOnlyList<SkippedVideo> Skipped);

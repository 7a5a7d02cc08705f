using SynVid.Video;

namespace SynVid.Training;

/// <summary>
/// The training side of a labelled dataset as the batch builder sees it: how many entries, each entry's label, and
/// the native-resolution frames of an entry's training window drawn from a given random stream (for a dataset,
/// <c>DownstreamData.TrainClip</c>). The clip must be a pure function of (entry, stream).
/// </summary>
/// <param name="Count">Number of training entries.</param>
/// <param name="NumClasses">Number of classes.</param>
/// <param name="Label">Label of an entry.</param>
/// <param name="Clip">Frames of an entry's training window.</param>
public sealed record TrainingClips(int Count, int NumClasses, Func<int, int> Label, Func<int, Random, IReadOnlyList<RgbImage>> Clip);

using SynVid.Datasets.SynAction;
using SynVid.Randomness;

namespace SynVid.Datasets.Specs;

/// <summary>
/// Motion probes over any folder of unlabelled videos (searched recursively): the arrow of time (is the clip played
/// forward or reversed?) and playback speed (was it sampled at stride 1, 2 or 4?). Train and test are split by
/// source video, never by clip: a video goes to the test split when a hash of its path relative to the folder falls
/// in the test fraction, so the split is stable when videos are added. Each source video appears once per class in
/// its split (the classes are balanced and a video's content never predicts its label); the frames of each entry
/// come from <see cref="MotionProbe.ClipIndices"/> seeded by <see cref="MotionProbe.ClipSeed"/>.
/// </summary>
public static class MotionProbeLists
{
    /// <summary>Fraction of source videos held out for testing.</summary>
    public const double TestFraction = 0.2;

    /// <summary>Class names of a probe.</summary>
    public static IReadOnlyList<string> ClassNames(MotionTask task) => task switch
    {
        MotionTask.ArrowOfTime => ["forward", "reversed"],
        MotionTask.PlaybackSpeed => ["stride_1", "stride_2", "stride_4"],
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, null),
    };

    /// <summary>Lists the probe's train and test entries (validation = test).</summary>
    public static DatasetSplits Load(MotionSpec spec, DatasetLoadOptions options)
    {
        const string name = "motion";
        var dir = ListFile.RequireDirectory(name, spec.Directory, "DIR");
        var videos = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(ClassFolderLists.IsVideo)
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (videos.Length < 2)
        {
            throw new UserInputException($"{name}: {dir} has {videos.Length} video(s); a probe needs at least 2 (one to train on, one to test)");
        }
        var hashed = videos.Select(v => (Path: v, Unit: UnitHash(Path.GetRelativePath(dir, v)))).ToArray();
        var test = hashed.Where(h => h.Unit < TestFraction).Select(h => h.Path).ToList();
        var train = hashed.Where(h => h.Unit >= TestFraction).Select(h => h.Path).ToList();
        if (test.Count == 0)
        {
            var first = hashed.MinBy(h => h.Unit).Path;
            test.Add(first);
            train.Remove(first);
        }
        else if (train.Count == 0)
        {
            var last = hashed.MaxBy(h => h.Unit).Path;
            train.Add(last);
            test.Remove(last);
        }
        var classes = ClassNames(spec.Task);
        var validator = new VideoListValidator(name, options);
        var trainEntries = validator.Filter(Expand(train, classes.Count), $"{dir} (training videos)", classes.Count, SplitNames.Train);
        var testEntries = validator.Filter(Expand(test, classes.Count), $"{dir} (test videos)", classes.Count, SplitNames.Test);
        var task = spec.Task == MotionTask.ArrowOfTime ? "arrow of time" : "playback speed";
        return new DatasetSplits($"motion probe: {task} ({dir}; {train.Count} training / {test.Count} test videos)",
            classes, trainEntries, testEntries, testEntries, validator.Skipped);
    }

    private static IEnumerable<(LabeledVideo, string)> Expand(IEnumerable<string> videos, int classes) =>
        videos.SelectMany(v => Enumerable.Range(0, classes).Select(label => (new LabeledVideo(v, label), v)));

    // A stable value in [0, 1) for a relative path (FNV-1a over UTF-8, then mixed).
    private static double UnitHash(string relative) =>
        RandomBits.ToUnitDouble(SplitMix64.Mix(Fnv1a64.OfUtf8(relative.Replace('\\', '/'))));
}

/// <summary>Frame indices of motion-probe clips.</summary>
public static class MotionProbe
{
    /// <summary>The strides of the playback-speed classes.</summary>
    public static IReadOnlyList<int> SpeedStrides { get; } = [1, 2, 4];

    /// <summary>The seed of entry <paramref name="entry"/> of a split's list (0 = train, 1 = test) under a run seed.</summary>
    public static ulong ClipSeed(int seed, int split, int entry) => SplitMixRandom.Key(seed, 1000 + split, entry);

    /// <summary>
    /// The frame indices of a clip of <paramref name="clipLength"/> frames from a video of
    /// <paramref name="videoLength"/> frames, or null when the video is too short for the class without padding
    /// (padding would give the answer away). Arrow of time: stride <paramref name="arrowStride"/> (reduced down to 1
    /// for short videos), label 1 reverses the order. Playback speed: stride 1, 2 or 4 for label 0, 1, 2; the video
    /// must hold the stride-4 window. The start is uniform over the valid positions.
    /// </summary>
    public static int[]? ClipIndices(MotionTask task, int label, int videoLength, Random rng, int clipLength = 16, int arrowStride = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clipLength, 2);
        int stride;
        switch (task)
        {
            case MotionTask.ArrowOfTime:
                ArgumentOutOfRangeException.ThrowIfGreaterThan(label, 1);
                stride = Math.Min(arrowStride, (videoLength - 1) / (clipLength - 1));
                break;
            case MotionTask.PlaybackSpeed:
                ArgumentOutOfRangeException.ThrowIfGreaterThan(label, SpeedStrides.Count - 1);
                if ((clipLength - 1) * SpeedStrides[^1] + 1 > videoLength)
                {
                    return null;
                }
                stride = SpeedStrides[label];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(task), task, null);
        }
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        if (stride < 1)
        {
            return null;
        }
        var span = (clipLength - 1) * stride + 1;
        var start = rng.Next(videoLength - span + 1);
        var ids = Enumerable.Range(0, clipLength).Select(k => start + k * stride).ToArray();
        if (task == MotionTask.ArrowOfTime && label == 1)
        {
            Array.Reverse(ids);
        }
        return ids;
    }
}

using SynVid.Video;

namespace SynVid.Datasets.SynAction;

/// <summary>
/// The built-in action-recognition benchmark: procedurally rendered 2-D figures performing ten actions. A proxy for
/// UCF101 that needs no download, not a substitute for it. Video (split, index) is a pure function of the
/// configuration, the split and the index: the splits are fixed by <see cref="SynActionConfig.Seed"/> and disjoint
/// (each split draws from its own key stream), labels are balanced (label = index mod 10), and the
/// <see cref="SynActionSplit.TestNovelBackgrounds"/> split uses background families that never occur in training.
/// </summary>
public sealed class SynActionDataset
{
    /// <summary>Creates the dataset (nothing is rendered until asked).</summary>
    public SynActionDataset(SynActionConfig config)
    {
        config.Validate();
        Config = config;
    }

    /// <summary>The configuration.</summary>
    public SynActionConfig Config { get; }

    /// <summary>Class names in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; } = ActionNames.All.Select(ActionNames.Of).ToArray();

    /// <summary>The split's name in specs and files: "train", "test", "test-novel-bg".</summary>
    public static string SplitName(SynActionSplit split) => split switch
    {
        SynActionSplit.Train => "train",
        SynActionSplit.Test => "test",
        SynActionSplit.TestNovelBackgrounds => "test-novel-bg",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };

    /// <summary>Number of videos in a split.</summary>
    public int Count(SynActionSplit split) =>
        ClassNames.Count * (split == SynActionSplit.Train ? Config.TrainPerClass : Config.TestPerClass);

    /// <summary>The label of video <paramref name="index"/> (balanced: index mod the number of classes).</summary>
    public int Label(SynActionSplit split, int index)
    {
        CheckIndex(split, index);
        return index % ClassNames.Count;
    }

    /// <summary>The 64-bit key that seeds video (split, index); distinct keys give independent videos.</summary>
    public ulong Key(SynActionSplit split, int index) => SplitMixRandom.Key(Config.Seed, 1 + (int)split, index);

    /// <summary>Every random choice of video (split, index).</summary>
    public SynActionScene Scene(SynActionSplit split, int index)
    {
        CheckIndex(split, index);
        var styles = split == SynActionSplit.TestNovelBackgrounds ? BackgroundPainter.HeldOutStyles : BackgroundPainter.SeenStyles;
        return SynActionScene.Sample(ActionNames.All[Label(split, index)], new SplitMixRandom(Key(split, index)), Config, styles);
    }

    /// <summary>Number of frames of video (split, index), without rendering it.</summary>
    public int FrameCount(SynActionSplit split, int index) => Scene(split, index).FrameCount;

    /// <summary>Renders every frame of video (split, index).</summary>
    public RgbImage[] Render(SynActionSplit split, int index) => SynActionRenderer.Render(Scene(split, index));

    /// <summary>Renders only the given frames of video (split, index); they equal the same frames of a full render.</summary>
    public RgbImage[] Render(SynActionSplit split, int index, IReadOnlyList<int> frameIndices) =>
        SynActionRenderer.Render(Scene(split, index), frameIndices);

    private void CheckIndex(SynActionSplit split, int index)
    {
        if ((uint)index >= (uint)Count(split))
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"split {SplitName(split)} has {Count(split)} videos");
        }
    }
}

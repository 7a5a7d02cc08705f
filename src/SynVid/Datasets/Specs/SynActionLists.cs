using System.Globalization;
using SynVid.Datasets.SynAction;

namespace SynVid.Datasets.Specs;

/// <summary>
/// The built-in benchmark as lists: every entry's path is a key <c>synaction:SPLIT/INDEX</c> that
/// <see cref="TryParseKey"/> turns back into a (split, index) of <see cref="SynActionDataset"/>. Validation and test
/// are the test split (or the held-out-background split).
/// </summary>
public static class SynActionLists
{
    /// <summary>The lists of <paramref name="dataset"/>.</summary>
    public static DatasetSplits Load(SynActionSpec spec, SynActionDataset dataset)
    {
        var testSplit = spec.NovelBackgrounds ? SynActionSplit.TestNovelBackgrounds : SynActionSplit.Test;
        var train = Entries(dataset, SynActionSplit.Train);
        var test = Entries(dataset, testSplit);
        return new DatasetSplits($"synaction (seed {dataset.Config.Seed}, test split {SynActionDataset.SplitName(testSplit)})",
            dataset.ClassNames, train, test, test, []);
    }

    /// <summary>The key of video (split, index).</summary>
    public static string Key(SynActionSplit split, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"synaction:{SynActionDataset.SplitName(split)}/{index}");

    /// <summary>Parses a key made by <see cref="Key"/>.</summary>
    public static bool TryParseKey(string key, out SynActionSplit split, out int index)
    {
        split = default;
        index = -1;
        if (!key.StartsWith("synaction:", StringComparison.Ordinal))
        {
            return false;
        }
        var slash = key.IndexOf('/');
        if (slash < 0 || !int.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            return false;
        }
        var name = key["synaction:".Length..slash];
        foreach (var s in Enum.GetValues<SynActionSplit>())
        {
            if (SynActionDataset.SplitName(s) == name)
            {
                split = s;
                return true;
            }
        }
        return false;
    }

    private static LabeledVideo[] Entries(SynActionDataset dataset, SynActionSplit split) =>
        Enumerable.Range(0, dataset.Count(split)).Select(i => new LabeledVideo(Key(split, i), dataset.Label(split, i))).ToArray();
}

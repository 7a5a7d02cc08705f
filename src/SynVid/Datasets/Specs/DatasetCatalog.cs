using SynVid.Datasets.SynAction;

namespace SynVid.Datasets.Specs;

/// <summary>Loads and validates the dataset a <see cref="DatasetSpec"/> names, before any training starts.</summary>
public static class DatasetCatalog
{
    /// <summary>
    /// The class names and per-split videos of <paramref name="spec"/>. Motion probes are built from their folder by
    /// <see cref="MotionProbeLists"/> (labels are the probe's classes).
    /// </summary>
    public static DatasetSplits Load(DatasetSpec spec, DatasetLoadOptions? options = null, SynActionConfig? synAction = null)
    {
        options ??= DatasetLoadOptions.Default;
        return spec switch
        {
            Ucf101Spec u => Ucf101Lists.Load(u, options),
            Hmdb51Spec h => Hmdb51Lists.Load(h, options),
            CsvSpec c => CsvLists.Load(c, options),
            FolderSpec f => ClassFolderLists.Load(f, options),
            SynActionSpec s => SynActionLists.Load(s, new SynActionDataset(synAction ?? s.Config ?? new SynActionConfig())),
            MotionSpec m => MotionProbeLists.Load(m, options),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, null),
        };
    }
}

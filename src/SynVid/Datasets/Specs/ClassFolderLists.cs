namespace SynVid.Datasets.Specs;

/// <summary>
/// A folder with one subfolder per class. With <c>train/</c> and <c>test/</c> subfolders (each one folder per class,
/// optionally <c>val/</c> too) those are the splits; otherwise every class's videos, sorted by name, go to the test
/// split when their position is 4 mod 5 (20 %) and to training otherwise. Classes are the subfolder names in ordinal
/// order; validation uses <c>val/</c> when present, else the test split.
/// </summary>
public static class ClassFolderLists
{
    /// <summary>File extensions recognised as videos.</summary>
    public static IReadOnlySet<string> VideoExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".avi", ".mp4", ".mkv", ".webm", ".mov", ".m4v", ".mpg", ".mpeg", ".flv", ".wmv", ".ogv", ".3gp",
    };

    /// <summary>Whether a file name has a video extension.</summary>
    public static bool IsVideo(string path) => VideoExtensions.Contains(Path.GetExtension(path));

    /// <summary>Loads and validates the folder.</summary>
    public static DatasetSplits Load(FolderSpec spec, DatasetLoadOptions options)
    {
        const string name = "folder";
        var dir = ListFile.RequireDirectory(name, spec.Directory, "DIR");
        var validator = new VideoListValidator(name, options);
        var trainDir = Path.Combine(dir, "train");
        var testDir = Path.Combine(dir, "test");
        if (Directory.Exists(trainDir) && Directory.Exists(testDir))
        {
            var classes = ClassFolders(trainDir);
            var valDir = Path.Combine(dir, "val");
            var train = validator.Filter(Videos(trainDir, classes), trainDir, classes.Count, SplitNames.Train);
            var test = validator.Filter(Videos(testDir, classes), testDir, classes.Count, SplitNames.Test);
            var val = Directory.Exists(valDir) ? validator.Filter(Videos(valDir, classes), valDir, classes.Count, SplitNames.Validation) : test;
            return new DatasetSplits($"folder ({dir})", classes, train, val, test, validator.Skipped);
        }
        else
        {
            var classes = ClassFolders(dir);
            var all = Videos(dir, classes);
            var byClass = all.GroupBy(e => e.Video.Label).SelectMany(g => g.Select((e, i) => (e, Test: i % 5 == 4))).ToArray();
            var train = validator.Filter(byClass.Where(x => !x.Test).Select(x => x.e), dir + " (training part)", classes.Count, SplitNames.Train);
            var test = validator.Filter(byClass.Where(x => x.Test).Select(x => x.e), dir + " (every 5th video of each class)", classes.Count, SplitNames.Test);
            return new DatasetSplits($"folder ({dir})", classes, train, test, test, validator.Skipped);
        }

        IReadOnlyList<string> ClassFolders(string parent)
        {
            var classes = Directory.EnumerateDirectories(parent).Select(Path.GetFileName).OfType<string>()
                .Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
            if (classes.Length == 0)
            {
                throw new UserInputException($"{name}: {parent} has no class subfolders");
            }
            foreach (var c in classes)
            {
                if (!Directory.EnumerateFiles(Path.Combine(parent, c), "*", SearchOption.AllDirectories).Any(IsVideo))
                {
                    throw new UserInputException($"{name}: class folder {Path.Combine(parent, c)} has no videos");
                }
            }
            return classes;
        }

        IEnumerable<(LabeledVideo Video, string Where)> Videos(string parent, IReadOnlyList<string> classes)
        {
            var known = classes.ToHashSet(StringComparer.Ordinal);
            foreach (var folder in Directory.EnumerateDirectories(parent).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')))
            {
                if (!known.Contains(folder))
                {
                    throw new UserInputException($"{name}: {Path.Combine(parent, folder)} is not one of the {classes.Count} training classes (class-count mismatch)");
                }
            }
            for (var label = 0; label < classes.Count; label++)
            {
                var folder = Path.Combine(parent, classes[label]);
                if (!Directory.Exists(folder))
                {
                    continue;
                }
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(IsVideo).Order(StringComparer.Ordinal))
                {
                    yield return (new LabeledVideo(Path.GetFullPath(file), label), file);
                }
            }
        }
    }
}

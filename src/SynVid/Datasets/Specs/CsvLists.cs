using System.Globalization;

namespace SynVid.Datasets.Specs;

/// <summary>
/// A VideoMAE-style list directory (docs/reference-behaviour.md §5.6; also how Kinetics-400 is given): <c>train.csv</c>,
/// <c>val.csv</c> and <c>test.csv</c>, one video per line, "<c>path label</c>" separated by the last space, no header,
/// 0-based integer labels. Relative paths are resolved against the directory. Class names come from an optional
/// <c>classes.txt</c> (one name per line, in label order), otherwise "class_0", "class_1", ...
/// </summary>
public static class CsvLists
{
    /// <summary>Loads and validates the lists.</summary>
    public static DatasetSplits Load(CsvSpec spec, DatasetLoadOptions options)
    {
        const string name = "csv";
        var dir = ListFile.RequireDirectory(name, spec.Directory, "DIR");
        var files = new[] { "train.csv", "val.csv", "test.csv" }.Select(f => Path.Combine(dir, f)).ToArray();
        foreach (var f in files.Where(f => !File.Exists(f)))
        {
            throw new UserInputException($"{name}: {f} not found (a csv dataset needs train.csv, val.csv and test.csv)");
        }
        var parsed = files.Select(Read).ToArray();
        var maxLabel = parsed.SelectMany(p => p).Max(e => e.Video.Label);

        IReadOnlyList<string> classes;
        var classFile = Path.Combine(dir, "classes.txt");
        if (File.Exists(classFile))
        {
            classes = ListFile.Lines(name, classFile).Select(l => l.Text).ToArray();
            if (classes.Count <= maxLabel)
            {
                throw new UserInputException($"{name}: {classFile} names {classes.Count} classes but the lists use label {maxLabel}");
            }
        }
        else
        {
            classes = Enumerable.Range(0, maxLabel + 1).Select(i => string.Create(CultureInfo.InvariantCulture, $"class_{i}")).ToArray();
        }

        var validator = new VideoListValidator(name, options);
        var train = validator.Filter(parsed[0], files[0], classes.Count, SplitNames.Train);
        var trainLabels = train.Select(v => v.Label).ToHashSet();
        for (var s = 1; s < 3; s++)
        {
            var unseen = parsed[s].FirstOrDefault(e => !trainLabels.Contains(e.Video.Label));
            if (unseen.Video is not null)
            {
                throw new UserInputException($"{name}: {unseen.Where}: label {unseen.Video.Label} never occurs in {files[0]} (class-count mismatch)");
            }
        }
        var val = validator.Filter(parsed[1], files[1], classes.Count, SplitNames.Validation);
        var test = validator.Filter(parsed[2], files[2], classes.Count, SplitNames.Test);
        return new DatasetSplits($"csv ({dir})", classes, train, val, test, validator.Skipped);

        List<(LabeledVideo Video, string Where)> Read(string file)
        {
            var entries = new List<(LabeledVideo, string)>();
            foreach (var (_, text, where) in ListFile.Lines(name, file))
            {
                var space = text.LastIndexOfAny([' ', '\t']);
                if (space <= 0 || !int.TryParse(text[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var label))
                {
                    throw new UserInputException($"{name}: {where}: expected '<path> <label>' with a non-negative integer label, got '{text}'");
                }
                var path = text[..space].TrimEnd();
                entries.Add((new LabeledVideo(Path.GetFullPath(Path.Combine(dir, path)), label), where));
            }
            if (entries.Count == 0)
            {
                throw new UserInputException($"{name}: {file} is empty");
            }
            return entries;
        }
    }
}

using System.Globalization;

namespace SynVid.Datasets.Specs;

/// <summary>
/// UCF101 with its official split lists (docs/reference-behaviour.md §5.6): <c>classInd.txt</c> ("1 ApplyEyeMakeup", 1-based),
/// <c>trainlist0N.txt</c> ("Class/v_Class_g08_c01.avi 1") and <c>testlist0N.txt</c> ("Class/v_Class_g01_c01.avi").
/// The lists are found in <c>ROOT/ucfTrainTestlist/</c>, in a <c>ucfTrainTestlist/</c> next to ROOT, or in an
/// explicit folder. Labels are 0-based; validation uses the test list, as the reference does.
/// </summary>
public static class Ucf101Lists
{
    /// <summary>Name of the folder of official lists.</summary>
    public const string ListFolderName = "ucfTrainTestlist";

    /// <summary>Loads and validates split <paramref name="spec"/>.Split.</summary>
    public static DatasetSplits Load(Ucf101Spec spec, DatasetLoadOptions options)
    {
        const string name = "ucf101";
        var root = ListFile.RequireDirectory(name, spec.Root, "ROOT");
        var parent = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar)) ?? root;
        var candidates = options.SplitsDirectory is { } explicitDir
            ? [explicitDir]
            : new[] { Path.Combine(root, ListFolderName), Path.Combine(parent, ListFolderName) };
        var lists = ListFile.FindDirectory(name, $"{ListFolderName} (classInd.txt)", candidates, d => File.Exists(Path.Combine(d, "classInd.txt")));

        var classInd = Path.Combine(lists, "classInd.txt");
        var classes = new List<string>();
        foreach (var (_, text, where) in ListFile.Lines(name, classInd))
        {
            var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new UserInputException($"{name}: {where}: expected '<number> <ClassName>', got '{text}'");
            }
            if (number != classes.Count + 1)
            {
                throw new UserInputException($"{name}: {where}: class numbers must run 1, 2, 3, ...; expected {classes.Count + 1}, got {number}");
            }
            classes.Add(parts[1]);
        }
        if (classes.Count == 0)
        {
            throw new UserInputException($"{name}: {classInd} lists no classes");
        }
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < classes.Count; i++)
        {
            byName[classes[i]] = i;
        }

        var resolver = new PathResolver(root);
        var validator = new VideoListValidator(name, options);
        var trainFile = Path.Combine(lists, $"trainlist0{spec.Split}.txt");
        var testFile = Path.Combine(lists, $"testlist0{spec.Split}.txt");
        var train = validator.Filter(Entries(trainFile, withLabels: true), trainFile, classes.Count, SplitNames.Train);
        var test = validator.Filter(Entries(testFile, withLabels: false), testFile, classes.Count, SplitNames.Test);

        var missing = Enumerable.Range(0, classes.Count).Except(train.Select(v => v.Label)).ToArray();
        if (missing.Length > 0)
        {
            throw new UserInputException(
                $"{name}: {classInd} has {classes.Count} classes but {trainFile} has no usable videos of {string.Join(", ", missing.Take(5).Select(i => classes[i]))}" +
                (missing.Length > 5 ? $" and {missing.Length - 5} more" : ""));
        }
        return new DatasetSplits($"ucf101 split {spec.Split} ({root})", classes, train, test, test, validator.Skipped);

        IEnumerable<(LabeledVideo, string)> Entries(string file, bool withLabels)
        {
            foreach (var (_, text, where) in ListFile.Lines(name, file))
            {
                var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != (withLabels ? 2 : 1) && !(withLabels is false && parts.Length == 2))
                {
                    throw new UserInputException($"{name}: {where}: expected '{(withLabels ? "Class/video.avi <number>" : "Class/video.avi")}', got '{text}'");
                }
                var relative = parts[0];
                var slash = relative.IndexOfAny(['/', '\\']);
                if (slash <= 0)
                {
                    throw new UserInputException($"{name}: {where}: expected a path 'Class/video.avi', got '{relative}'");
                }
                if (!byName.TryGetValue(relative[..slash], out var label))
                {
                    throw new UserInputException($"{name}: {where}: class folder '{relative[..slash]}' is not in {classInd}");
                }
                if (parts.Length == 2)
                {
                    if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > classes.Count)
                    {
                        throw new UserInputException($"{name}: {where}: class number '{parts[1]}' is not in 1..{classes.Count}");
                    }
                    if (number - 1 != label)
                    {
                        throw new UserInputException($"{name}: {where}: class number {number} ({classes[number - 1]}) does not match the folder '{relative[..slash]}'");
                    }
                }
                yield return (new LabeledVideo(resolver.Resolve(relative), label), where);
            }
        }
    }
}

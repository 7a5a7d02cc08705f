using System.Text.RegularExpressions;

namespace SynVid.Datasets.Specs;

/// <summary>
/// HMDB51 with its official split files <c>&lt;class&gt;_test_split{1,2,3}.txt</c>, one line per video
/// "<c>name.avi N</c>" with N = 1 train, 2 test, 0 unused. Videos are <c>ROOT/&lt;class&gt;/name.avi</c>. The split
/// files are found in an explicit folder, <c>ROOT/testTrainMulti_7030_splits/</c>, a folder of that name next to ROOT,
/// or ROOT itself. Labels are the classes in ordinal (alphabetical) order; validation uses the test videos.
/// </summary>
public static partial class Hmdb51Lists
{
    /// <summary>Name of the folder the official split files come in.</summary>
    public const string ListFolderName = "testTrainMulti_7030_splits";

    /// <summary>Loads and validates split <paramref name="spec"/>.Split.</summary>
    public static DatasetSplits Load(Hmdb51Spec spec, DatasetLoadOptions options)
    {
        const string name = "hmdb51";
        var root = ListFile.RequireDirectory(name, spec.Root, "ROOT");
        var parent = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar)) ?? root;
        var suffix = $"_test_split{spec.Split}.txt";
        var candidates = options.SplitsDirectory is { } explicitDir
            ? [explicitDir]
            : new[] { Path.Combine(root, ListFolderName), Path.Combine(parent, ListFolderName), root };
        var lists = ListFile.FindDirectory(name, $"split files (*{suffix})", candidates, d => Directory.EnumerateFiles(d, "*" + suffix).Any());

        var files = Directory.EnumerateFiles(lists, "*" + suffix)
            .Select(f => (File: f, Class: Path.GetFileName(f)[..^suffix.Length]))
            .OrderBy(f => f.Class, StringComparer.Ordinal)
            .ToArray();
        var classes = files.Select(f => f.Class).ToArray();
        var resolver = new PathResolver(root);
        var train = new List<(LabeledVideo, string)>();
        var test = new List<(LabeledVideo, string)>();
        for (var label = 0; label < files.Length; label++)
        {
            foreach (var (_, text, where) in ListFile.Lines(name, files[label].File))
            {
                var match = LineFormat().Match(text);
                if (!match.Success)
                {
                    throw new UserInputException($"{name}: {where}: expected '<video>.avi <0|1|2>', got '{text}'");
                }
                var video = new LabeledVideo(resolver.Resolve(Path.Combine(classes[label], match.Groups[1].Value)), label);
                switch (match.Groups[2].Value)
                {
                    case "1":
                        train.Add((video, where));
                        break;
                    case "2":
                        test.Add((video, where));
                        break;
                }
            }
        }
        var validator = new VideoListValidator(name, options);
        var trainVideos = validator.Filter(train, $"split {spec.Split} (value 1 in {lists}/*{suffix})", classes.Length, SplitNames.Train);
        var testVideos = validator.Filter(test, $"split {spec.Split} (value 2 in {lists}/*{suffix})", classes.Length, SplitNames.Test);
        var missing = Enumerable.Range(0, classes.Length).Except(trainVideos.Select(v => v.Label)).ToArray();
        if (missing.Length > 0)
        {
            throw new UserInputException($"{name}: {files[missing[0]].File} has no usable training videos (value 1)");
        }
        return new DatasetSplits($"hmdb51 split {spec.Split} ({root})", classes, trainVideos, testVideos, testVideos, validator.Skipped);
    }

    [GeneratedRegex(@"^(\S.*?)\s+([0-2])$")]
    private static partial Regex LineFormat();
}

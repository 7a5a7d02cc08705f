using SynVid.Datasets.Specs;

namespace SynVid.Tests.Datasets.Specs;

public class Hmdb51ListsTests
{
    private static readonly string[] _classes = ["brush_hair", "cartwheel", "walk"];

    // 3 classes × 5 videos; split 1 marks 3 train (1), 1 test (2), 1 unused (0).
    private static TempTree Build(string listFolder)
    {
        var tree = new TempTree();
        foreach (var c in _classes)
        {
            var lines = new List<string>();
            for (var v = 0; v < 5; v++)
            {
                var file = $"{c}_video_{v}_f_cm_np1_ri_med_{v}.avi";
                tree.File($"hmdb51/{c}/{file}");
                lines.Add($"{file} {(v < 3 ? 1 : v == 3 ? 2 : 0)} ");
            }
            tree.File($"{listFolder}/{c}_test_split1.txt", string.Join("\n", lines) + "\n");
            tree.File($"{listFolder}/{c}_test_split2.txt", string.Join("\n", lines.Select(l => l.Replace(" 1 ", " 2 "))) + "\n");
        }
        return tree;
    }

    [Fact]
    public void ParsesTheOfficialSplitFiles()
    {
        foreach (var folder in new[] { "hmdb51/testTrainMulti_7030_splits", "testTrainMulti_7030_splits", "hmdb51" })
        {
            using var tree = Build(folder);
            var d = DatasetCatalog.Load(DatasetSpec.Parse($"hmdb51:{tree.Path_("hmdb51")}:1"));
            Assert.Equal(_classes, d.ClassNames);
            Assert.Equal(9, d.Train.Count);
            Assert.Equal(3, d.Test.Count);
            Assert.Same(d.Test, d.Validation);
            Assert.Equal([0, 1, 2], d.Test.Select(v => v.Label));
            Assert.All(d.Train.Concat(d.Test), v => Assert.True(File.Exists(v.Path)));
            Assert.All(d.Test, v => Assert.Contains("_video_3_", v.Path));
        }
    }

    [Fact]
    public void SplitWithoutTrainingVideosAndBadLinesAreErrors()
    {
        using var tree = Build("splits");
        var root = tree.Path_("hmdb51");
        var options = new DatasetLoadOptions(SplitsDirectory: tree.Path_("splits"));
        // split 2 marks every video test or unused: no training videos
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"hmdb51:{root}:2"), options));
        Assert.Contains("no usable videos", e.Message);

        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"hmdb51:{root}:3"), options));
        Assert.Contains("_test_split3.txt", e.Message);

        File.AppendAllText(tree.Path_("splits/walk_test_split1.txt"), "extra.avi 7\n");
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"hmdb51:{root}:1"), options));
        Assert.Contains("walk_test_split1.txt:6", e.Message);
    }
}

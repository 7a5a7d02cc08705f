using SynVid.Datasets.Specs;

namespace SynVid.Tests.Datasets.Specs;

public class Ucf101ListsTests
{
    private static readonly string[] _classes = ["ApplyEyeMakeup", "Basketball", "HandstandPushups"];

    // A miniature UCF101: 3 classes, groups g01–g03 (g01 is the split-1 test group), 2 clips per group.
    private static TempTree Build(bool listsInsideRoot = true, bool writeLists = true)
    {
        var tree = new TempTree();
        var train = new List<string>();
        var test = new List<string>();
        for (var c = 0; c < _classes.Length; c++)
        {
            // the official lists spell this class "HandStandPushups" in file names, the folder "HandstandPushups"
            var fileClass = _classes[c] == "HandstandPushups" ? "HandStandPushups" : _classes[c];
            for (var g = 1; g <= 3; g++)
            {
                for (var clip = 1; clip <= 2; clip++)
                {
                    var rel = $"{_classes[c]}/v_{fileClass}_g{g:00}_c{clip:00}.avi";
                    tree.File($"UCF-101/{rel}");
                    if (g == 1)
                    {
                        test.Add(rel);
                    }
                    else
                    {
                        train.Add($"{rel} {c + 1}");
                    }
                }
            }
        }
        if (writeLists)
        {
            var lists = listsInsideRoot ? "UCF-101/ucfTrainTestlist" : "ucfTrainTestlist";
            tree.File($"{lists}/classInd.txt", string.Join("\r\n", _classes.Select((n, i) => $"{i + 1} {n}")) + "\r\n");
            tree.File($"{lists}/trainlist01.txt", string.Join("\n", train) + "\n");
            tree.File($"{lists}/testlist01.txt", string.Join("\n", test) + "\n");
        }
        return tree;
    }

    [Fact]
    public void ParsesTheOfficialLayoutWithListsInsideOrNextToTheRoot()
    {
        foreach (var inside in new[] { true, false })
        {
            using var tree = Build(listsInsideRoot: inside);
            var d = DatasetCatalog.Load(DatasetSpec.Parse($"ucf101:{tree.Path_("UCF-101")}:1"));
            Assert.Equal(_classes, d.ClassNames);
            Assert.Equal(12, d.Train.Count);
            Assert.Equal(6, d.Test.Count);
            Assert.Same(d.Test, d.Validation);
            Assert.Empty(d.Skipped);
            Assert.All(d.Train.Concat(d.Test), v => Assert.True(File.Exists(v.Path), v.Path));
            Assert.All(d.Test, v => Assert.Contains("_g01_", v.Path));
            Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2], d.Train.Select(v => v.Label));
            Assert.Equal([0, 0, 1, 1, 2, 2], d.Test.Select(v => v.Label));
        }
    }

    [Fact]
    public void ExplicitSplitsFolderAndMissingLists()
    {
        using var tree = Build(listsInsideRoot: false);
        Directory.Move(tree.Path_("ucfTrainTestlist"), tree.Path_("lists"));
        var spec = DatasetSpec.Parse($"ucf101:{tree.Path_("UCF-101")}");
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(spec));
        Assert.Contains("ucfTrainTestlist", e.Message);
        Assert.Contains("--splits", e.Message);
        var d = DatasetCatalog.Load(spec, new DatasetLoadOptions(SplitsDirectory: tree.Path_("lists")));
        Assert.Equal(12, d.Train.Count);

        // split 2 has no lists in the miniature tree
        var e2 = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"ucf101:{tree.Path_("UCF-101")}:2"), new DatasetLoadOptions(SplitsDirectory: tree.Path_("lists"))));
        Assert.Contains("trainlist02.txt", e2.Message);
    }

    [Fact]
    public void MissingVideosFailNamingTheFileOrAreSkippedAndCounted()
    {
        using var tree = Build();
        var gone = tree.Path_("UCF-101/Basketball/v_Basketball_g02_c01.avi");
        File.Delete(gone);
        var spec = DatasetSpec.Parse($"ucf101:{tree.Path_("UCF-101")}");
        var e = Assert.Throws<BadVideoException>(() => DatasetCatalog.Load(spec));
        Assert.Contains("missing video", e.Message);
        Assert.Contains("v_Basketball_g02_c01.avi", e.Message);
        Assert.Contains("trainlist01.txt:5", e.Message);

        var d = DatasetCatalog.Load(spec, new DatasetLoadOptions(OnBadVideo: BadVideoPolicy.Skip));
        Assert.Equal(11, d.Train.Count);
        var skipped = Assert.Single(d.Skipped);
        Assert.Equal(gone, skipped.Path);

        // a probe rejects unreadable videos the same way
        var probed = DatasetCatalog.Load(spec, new DatasetLoadOptions(BadVideoPolicy.Skip, Probe: p => p.Contains("_c02") ? "no video stream" : null));
        Assert.Equal(5, probed.Train.Count);
        Assert.Contains(probed.Skipped, s => s.Reason.Contains("no video stream"));
    }

    [Fact]
    public void InconsistentListsAreRejectedWithFileAndLine()
    {
        using var tree = Build();
        var lists = tree.Path_("UCF-101/ucfTrainTestlist");
        var root = tree.Path_("UCF-101");

        File.WriteAllText(Path.Combine(lists, "trainlist01.txt"), "Basketball/v_Basketball_g02_c01.avi 3\n");
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"ucf101:{root}")));
        Assert.Contains("trainlist01.txt:1", e.Message);
        Assert.Contains("does not match", e.Message);

        File.WriteAllText(Path.Combine(lists, "trainlist01.txt"), "Basketball/v_Basketball_g02_c01.avi 2\n");
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"ucf101:{root}")));
        Assert.Contains("has 3 classes", e.Message);
        Assert.Contains("ApplyEyeMakeup", e.Message);

        File.WriteAllText(Path.Combine(lists, "trainlist01.txt"), "");
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"ucf101:{root}")));
        Assert.Contains("no usable videos", e.Message);

        File.WriteAllText(Path.Combine(lists, "testlist01.txt"), "Cooking/v_Cooking_g01_c01.avi\n");
        File.WriteAllText(Path.Combine(lists, "trainlist01.txt"), "Basketball/v_Basketball_g02_c01.avi 2\n");
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"ucf101:{root}")));
        Assert.Contains("'Cooking' is not in", e.Message);

        File.WriteAllText(Path.Combine(lists, "classInd.txt"), "1 ApplyEyeMakeup\n3 Basketball\n");
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"ucf101:{root}")));
        Assert.Contains("classInd.txt:2", e.Message);
    }
}

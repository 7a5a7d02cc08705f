using SynVid.Datasets.Specs;

namespace SynVid.Tests.Datasets.Specs;

public class CsvAndFolderListsTests
{
    [Fact]
    public void CsvListsResolveRelativePathsAndCheckLabels()
    {
        using var tree = new TempTree();
        for (var i = 0; i < 6; i++)
        {
            tree.File($"videos/clip {i}.mp4");
        }
        var absolute = tree.Path_("videos/clip 5.mp4");
        tree.File("lists/train.csv", "../videos/clip 0.mp4 0\n../videos/clip 1.mp4 1\n../videos/clip 2.mp4 2\n");
        tree.File("lists/val.csv", "../videos/clip 3.mp4 1\n");
        tree.File("lists/test.csv", $"../videos/clip 4.mp4 2\n{absolute} 0\n");
        var d = DatasetCatalog.Load(DatasetSpec.Parse($"csv:{tree.Path_("lists")}"));
        Assert.Equal(["class_0", "class_1", "class_2"], d.ClassNames);
        Assert.Equal([0, 1, 2], d.Train.Select(v => v.Label));
        Assert.Equal(tree.Path_("videos/clip 0.mp4"), d.Train[0].Path);
        Assert.Equal(absolute, d.Test[1].Path);
        Assert.Single(d.Validation);

        tree.File("lists/classes.txt", "a\nb\nc\n");
        Assert.Equal(["a", "b", "c"], DatasetCatalog.Load(DatasetSpec.Parse($"csv:{tree.Path_("lists")}")).ClassNames);

        tree.File("lists/test.csv", "../videos/clip 4.mp4 3\n");
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"csv:{tree.Path_("lists")}")));
        Assert.Contains("classes.txt names 3 classes", e.Message);

        File.Delete(tree.Path_("lists/classes.txt"));
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"csv:{tree.Path_("lists")}")));
        Assert.Contains("test.csv:1", e.Message);
        Assert.Contains("never occurs", e.Message);

        tree.File("lists/test.csv", "../videos/clip 4.mp4 two\n");
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"csv:{tree.Path_("lists")}")));
        Assert.Contains("test.csv:1", e.Message);

        File.Delete(tree.Path_("lists/val.csv"));
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"csv:{tree.Path_("lists")}")));
        Assert.Contains("val.csv not found", e.Message);
    }

    [Fact]
    public void ClassFoldersSplitEveryFifthVideoOrUseTrainTestFolders()
    {
        using var tree = new TempTree();
        foreach (var c in new[] { "cat", "dog" })
        {
            for (var i = 0; i < 10; i++)
            {
                tree.File($"flat/{c}/{i:00}.mp4");
            }
        }
        tree.File("flat/dog/notes.txt");
        var d = DatasetCatalog.Load(DatasetSpec.Parse($"folder:{tree.Path_("flat")}"));
        Assert.Equal(["cat", "dog"], d.ClassNames);
        Assert.Equal(16, d.Train.Count);
        Assert.Equal(4, d.Test.Count);
        Assert.Equal(["04.mp4", "09.mp4", "04.mp4", "09.mp4"], d.Test.Select(v => Path.GetFileName(v.Path)));
        Assert.Empty(d.Train.Select(v => v.Path).Intersect(d.Test.Select(v => v.Path)));

        tree.File("split/train/a/1.avi");
        tree.File("split/train/b/1.avi");
        tree.File("split/test/b/2.avi");
        var s = DatasetCatalog.Load(DatasetSpec.Parse($"folder:{tree.Path_("split")}"));
        Assert.Equal(2, s.Train.Count);
        Assert.Equal(1, Assert.Single(s.Test).Label);

        tree.File("split/test/c/3.avi");
        var e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"folder:{tree.Path_("split")}")));
        Assert.Contains("class-count mismatch", e.Message);

        Directory.CreateDirectory(tree.Path_("flat/empty"));
        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"folder:{tree.Path_("flat")}")));
        Assert.Contains("has no videos", e.Message);

        e = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(DatasetSpec.Parse($"folder:{tree.Path_("nowhere")}")));
        Assert.Contains("is not a directory", e.Message);
    }

    [Fact]
    public void SynActionListsRoundTripTheirKeys()
    {
        var d = DatasetCatalog.Load(DatasetSpec.Parse("synaction"));
        Assert.Equal(10, d.ClassNames.Count);
        Assert.Equal(600, d.Train.Count);
        Assert.Equal(200, d.Test.Count);
        Assert.True(SynActionLists.TryParseKey(d.Test[17].Path, out var split, out var index));
        Assert.Equal((SynVid.Datasets.SynAction.SynActionSplit.Test, 17), (split, index));
        var novel = DatasetCatalog.Load(DatasetSpec.Parse("synaction:test-novel-bg"));
        Assert.True(SynActionLists.TryParseKey(novel.Test[3].Path, out split, out _));
        Assert.Equal(SynVid.Datasets.SynAction.SynActionSplit.TestNovelBackgrounds, split);
        Assert.False(SynActionLists.TryParseKey("/data/x.avi", out _, out _));
    }
}

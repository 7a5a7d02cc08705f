using SynVid.Evaluation.Perturbations;
using SynVid.Evaluation.Robustness;

namespace SynVid.Tests.Evaluation.Robustness;

public class RobustnessPlanTests
{
    private static readonly IReadOnlyList<NamedCheckpoint> _one = RobustnessPlan.NameCheckpoints(["/m/model.pth"]);

    [Fact]
    public void DefaultGridIsEveryCatalogueTypeAtFiveSeveritiesPlusClean()
    {
        var plan = new RobustnessPlan(_one, RobustnessPlan.ParsePerturbations("all"), RobustnessPlan.ParseSeverities("1..5"));
        Assert.Equal(PerturbationCatalog.All.Count, plan.Perturbations.Count);
        Assert.Equal(1 + PerturbationCatalog.All.Count * 5, plan.Cells.Count);
        Assert.True(plan.Cells[0].IsClean);
        Assert.Equal(RobustnessPlan.DefaultHeadlineSeverity, plan.HeadlineSeverity);
        Assert.DoesNotContain(plan.Cells, c => c.Severity == 6);
    }

    [Fact]
    public void StaticRotatesSixthLevelOnlyWhenAsked()
    {
        var plan = new RobustnessPlan(_one, RobustnessPlan.ParsePerturbations("img rotate,gauss"), RobustnessPlan.ParseSeverities("1..5,6"));
        var six = Assert.Single(plan.Cells, c => c.Severity == 6);
        Assert.Equal("static_rotate", six.TypeKey);
        Assert.Equal(5, plan.SeveritiesOf(PerturbationCatalog.Find("gauss")).Count);
        Assert.Throws<UserInputException>(() => new RobustnessPlan(_one, [PerturbationCatalog.Find("gauss")], [6]));
        var sixOnly = new RobustnessPlan(_one, PerturbationCatalog.All, [6]);
        Assert.Equal(["static_rotate"], sixOnly.Perturbations.Select(p => p.Key));
        Assert.Equal(2, sixOnly.Cells.Count);
    }

    [Fact]
    public void ParsingAcceptsListsRangesLabelsAndFigure3()
    {
        Assert.Equal([1, 3, 4, 5], RobustnessPlan.ParseSeverities("3..5, 1,4"));
        Assert.Equal(["gaussian_noise", "box_jumble"], RobustnessPlan.ParsePerturbations("gauss, box jumble").Select(p => p.Key));
        Assert.Equal(14, RobustnessPlan.ParsePerturbations("figure3").Count);
        foreach (var bad in new[] { "", "5..1", "x", "1-3" })
        {
            Assert.Throws<UserInputException>(() => RobustnessPlan.ParseSeverities(bad));
        }
        Assert.Throws<UserInputException>(() => RobustnessPlan.ParsePerturbations("snow"));
        Assert.Throws<UserInputException>(() => new RobustnessPlan(_one, [PerturbationCatalog.Find("gauss")], [0]));
    }

    [Fact]
    public void HeadlineSeverityIsThreeOrTheNearestEvaluatedLevel()
    {
        var gauss = PerturbationCatalog.Find("gauss");
        Assert.Equal(2, new RobustnessPlan(_one, [gauss], [1, 2]).HeadlineSeverity);
        Assert.Equal(4, new RobustnessPlan(_one, [gauss], [4, 5]).HeadlineSeverity);
        Assert.Equal(5, new RobustnessPlan(_one, [gauss], [1, 5], headlineSeverity: 5).HeadlineSeverity);
        Assert.Throws<UserInputException>(() => new RobustnessPlan(_one, [gauss], [1, 2], headlineSeverity: 3));
    }

    [Fact]
    public void CheckpointNamesComeFromFileNamesAndStayUniqueAndSafe()
    {
        var named = RobustnessPlan.NameCheckpoints(["/a/run1/checkpoint.pth", "/a/run2/checkpoint.pth", "/b/my model!.pth"]);
        Assert.Equal(["checkpoint", "checkpoint-2", "my_model_"], named.Select(n => n.Name));
        Assert.Equal("/a/run2/checkpoint.pth", named[1].Path);
        var cell = new RobustnessCell(named[0], PerturbationCatalog.Find("jumble"), 4);
        Assert.Equal("checkpoint__jumble__s4.json", cell.FileName);
        // run folders given by the user name their checkpoints
        var labelled = RobustnessPlan.NameCheckpoints(["/a/run1/checkpoint.pth", "/a/run2/checkpoint.pth"], ["ft scratch", "ft-pre"]);
        Assert.Equal(["ft_scratch", "ft-pre"], labelled.Select(n => n.Name));
    }

    [Fact]
    public void CellStoreRejectsCellsComputedWithOtherSettings()
    {
        using var dir = new TempFolder();
        var settings = new RobustnessSettings("synaction", "1x1", 0, false);
        var store = new RobustnessCellStore(dir.Path, settings);
        var cell = new RobustnessCell(_one[0], PerturbationCatalog.Find("gauss"), 2);
        Assert.Null(store.TryLoad(cell));
        store.Save(cell, new CellResult("model", _one[0].Path, "gaussian_noise", 2, 42.5, 90, 10, 1.5, settings));
        Assert.Equal(42.5, store.TryLoad(cell)!.Top1);
        Assert.Equal(["model__gaussian_noise__s2.json"], Directory.GetFiles(store.Directory).Select(Path.GetFileName));
        var other = new RobustnessCellStore(dir.Path, settings with { Views = "5x3" });
        var e = Assert.Throws<UserInputException>(() => other.TryLoad(cell));
        Assert.Contains("--views 1x1", e.Message);
        File.WriteAllText(store.PathOf(cell), "{ not json");
        Assert.Throws<UserInputException>(() => store.TryLoad(cell));
    }
}

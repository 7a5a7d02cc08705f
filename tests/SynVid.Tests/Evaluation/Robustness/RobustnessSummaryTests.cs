using System.Globalization;
using System.Text.Json;
using SynVid.Evaluation.Perturbations;
using SynVid.Evaluation.Robustness;
using SynVid.Serialization;

namespace SynVid.Tests.Evaluation.Robustness;

public class RobustnessSummaryTests
{
    private static readonly RobustnessSettings _settings = new("csv:/data", "1x1", 7, LegacyInvert: false);

    /// <summary>
    /// Two checkpoints, gauss and jumble at severities 1 and 2, with hand-picked accuracies:
    /// A: clean 80, gauss 60/40, jumble 80/70. B: clean 50, gauss 45/30, jumble 50/75.
    /// </summary>
    private static (RobustnessPlan Plan, RobustnessSummary Summary) Constructed()
    {
        var checkpoints = RobustnessPlan.NameCheckpoints(["/runs/a.pth", "/runs/b.pth"]);
        var gauss = PerturbationCatalog.Find("gauss");
        var jumble = PerturbationCatalog.Find("jumble");
        var plan = new RobustnessPlan(checkpoints, [gauss, jumble], [1, 2]);
        var top1 = new Dictionary<(string, string, int), double>
        {
            [("a", "clean", 0)] = 80,
            [("a", gauss.Key, 1)] = 60,
            [("a", gauss.Key, 2)] = 40,
            [("a", jumble.Key, 1)] = 80,
            [("a", jumble.Key, 2)] = 70,
            [("b", "clean", 0)] = 50,
            [("b", gauss.Key, 1)] = 45,
            [("b", gauss.Key, 2)] = 30,
            [("b", jumble.Key, 1)] = 50,
            [("b", jumble.Key, 2)] = 75,
        };
        var results = plan.Cells.ToDictionary(c => c, c => new CellResult(c.Checkpoint.Name, c.Checkpoint.Path, c.TypeKey, c.Severity,
            top1[(c.Checkpoint.Name, c.TypeKey, c.Severity)], 100, 20, 0.1, _settings));
        return (plan, RobustnessSummary.Build(plan, _settings, results));
    }

    [Fact]
    public void MetricsFollowTheFormulasAndHigherIsMoreRobust()
    {
        Assert.Equal(0.8, RobustnessMetrics.Absolute(80, 60), 12);
        Assert.Equal(0.75, RobustnessMetrics.Relative(80, 60), 12);
        Assert.Equal(1.0, RobustnessMetrics.Absolute(55, 55), 12);
        Assert.True(RobustnessMetrics.Relative(80, 70) > RobustnessMetrics.Relative(80, 60));
        Assert.True(double.IsNaN(RobustnessMetrics.Relative(0, 0)));
    }

    [Fact]
    public void SummaryAveragesOverSeveritiesThenTypes()
    {
        var (plan, summary) = Constructed();
        Assert.Equal(2, plan.HeadlineSeverity);
        var a = summary.Checkpoints[0];
        Assert.Equal(("a", 80.0), (a.Name, a.CleanTop1));
        var gauss = a.Types[0];
        Assert.Equal([0.8, 0.6], gauss.Severities.Select(s => Math.Round(s.AbsoluteRobustness, 12)));
        Assert.Equal([0.75, 0.5], gauss.Severities.Select(s => Math.Round(s.RelativeRobustness, 12)));
        Assert.Equal(50, gauss.MeanTop1, 12);
        Assert.Equal(0.7, gauss.MeanAbsoluteRobustness, 12);
        Assert.Equal(0.625, gauss.MeanRelativeRobustness, 12);
        Assert.Equal(62.5, a.MeanTop1, 12);
        Assert.Equal((0.7 + 0.95) / 2, a.MeanAbsoluteRobustness, 12);
        Assert.Equal((0.625 + 0.9375) / 2, a.MeanRelativeRobustness, 12);
    }

    [Fact]
    public void WinCountsCompareTypesAtTheHeadlineSeverityAndOnTheMean()
    {
        var (_, summary) = Constructed();
        var headline = Assert.Single(summary.Wins, w => w.Basis == "severity 2");
        Assert.Equal(("a", "b", 1, 1, 0), (headline.A, headline.B, headline.Wins, headline.Losses, headline.Ties));
        Assert.Equal(["gaussian_noise"], headline.WonTypes);
        var mean = Assert.Single(summary.Wins, w => w.Basis == "mean");
        Assert.Equal((2, 0, 0), (mean.Wins, mean.Losses, mean.Ties));
    }

    [Fact]
    public void CsvHasARowPerCellPlusMeansWithTheMetrics()
    {
        var (_, summary) = Constructed();
        var lines = RobustnessReport.ToCsv(summary).TrimEnd('\n').Split('\n');
        Assert.Equal(RobustnessReport.CsvHeader, lines[0]);
        // Per checkpoint: clean + 2 types × (2 severities + mean) + overall mean.
        Assert.Equal(1 + 2 * (1 + 2 * 3 + 1), lines.Length);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var cell = Assert.Single(rows, r => r[0] == "a" && r[1] == "gaussian_noise" && r[4] == "1");
        Assert.Equal(("gauss", "noise", 60.0, 0.8, 0.75, "20"),
            (cell[2], cell[3], Parse(cell[5]), Parse(cell[7]), Parse(cell[8]), cell[9]));
        var overall = Assert.Single(rows, r => r[0] == "b" && r[1] == "all");
        Assert.Equal("mean", overall[4]);
        // B: gauss (0.95 + 0.8)/2, jumble (1 + 1.25)/2 → absolute mean (0.875 + 1.125)/2 = 1.0.
        Assert.Equal(1.0, Parse(overall[7]), 6);
        var clean = Assert.Single(rows, r => r[0] == "b" && r[1] == "clean");
        Assert.Equal(("0", 50.0, 1.0), (clean[4], Parse(clean[5]), Parse(clean[7])));
    }

    [Fact]
    public void JsonHoldsSettingsPerSeverityScoresMeansAndWins()
    {
        var (_, summary) = Constructed();
        using var doc = JsonDocument.Parse(RobustnessReport.ToJson(summary));
        var root = doc.RootElement;
        Assert.Equal(RobustnessReport.Format, root.GetProperty("format").GetString());
        Assert.Equal("1x1", root.GetProperty("views").GetString());
        Assert.Equal(7, root.GetProperty("seed").GetInt64());
        Assert.Equal(2, root.GetProperty("headline_severity").GetInt32());
        Assert.Equal(["gaussian_noise", "jumble"], root.GetProperty("perturbations").EnumerateArray().Select(e => e.GetString()));
        var a = root.GetProperty("checkpoints")[0];
        Assert.Equal(80, a.GetProperty("clean_top1").GetDouble());
        var jumble = a.GetProperty("types")[1];
        Assert.Equal("temporal", jumble.GetProperty("category").GetString());
        Assert.Equal(0.9375, jumble.GetProperty("mean_relative_robustness").GetDouble(), 12);
        var s2 = jumble.GetProperty("severities")[1];
        Assert.Equal((2, 70.0, 0.9), (s2.GetProperty("severity").GetInt32(), s2.GetProperty("top1").GetDouble(),
            Math.Round(s2.GetProperty("absolute_robustness").GetDouble(), 12)));
        Assert.Equal(2, root.GetProperty("wins").GetArrayLength());
        Assert.Contains("higher is more robust", root.GetProperty("metrics").GetProperty("direction").GetString());
    }

    [Fact]
    public void ChartsAreWrittenAsPngFiles()
    {
        var (_, summary) = Constructed();
        using var dir = new TempFolder();
        var paths = RobustnessCharts.WriteAll(dir.Path, summary);
        Assert.Equal(["figure3_s2.png", "figure3_mean.png", "curves/gaussian_noise.png", "curves/jumble.png"],
            paths.Select(p => Path.GetRelativePath(dir.Path, p)));
        foreach (var p in paths)
        {
            var bytes = File.ReadAllBytes(p);
            Assert.True(bytes.Length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', p);
        }
        Assert.Empty(Directory.GetFiles(dir.Path, "*" + AtomicFile.Marker + "*", SearchOption.AllDirectories));
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}

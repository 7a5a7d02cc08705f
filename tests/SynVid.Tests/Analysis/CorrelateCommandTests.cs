using System.Globalization;
using System.Text.Json.Nodes;
using SynVid.Analysis.Metrics;
using SynVid.Tests.Cli;

namespace SynVid.Tests.Analysis;

public sealed class CorrelateCommandTests
{
    [Fact]
    public void CorrelateWritesCorrelationsAndScatterPlotsForConstructedRuns()
    {
        using var dir = new TempFolder();
        // Accuracy falls linearly with FID, rises monotonically (not linearly) with diversity; fvd is missing in one run.
        double[] fid = [380, 330, 300, 260, 220], top1 = [68, 75, 80, 86, 91];
        double[] diversity = [-11.6, -9, -7, -5, -4.4];
        var runs = new List<string>();
        for (var i = 0; i < fid.Length; i++)
        {
            var run = Directory.CreateDirectory(Path.Combine(dir.Path, $"run{i}")).FullName;
            var metrics = new JsonObject
            {
                ["fid"] = fid[i],
                ["kid"] = fid[i] / 1000,
                ["fvd"] = i == 0 ? null : 1000.0 * i,
                ["diversity_logdet"] = diversity[i],
                ["spectrum_alpha"] = 1.2,
                ["lab_skl"] = 6.0 - i,
            };
            var metricsPath = i == 4 ? Directory.CreateDirectory(Path.Combine(run, "metrics")).FullName : run;
            File.WriteAllText(Path.Combine(metricsPath, "metrics.json"), metrics.ToJsonString());
            File.WriteAllText(Path.Combine(run, "results.json"), new JsonObject { ["top1"] = top1[i], ["top5"] = 99.0 }.ToJsonString());
            runs.Add(run);
        }
        var outDir = dir.File("out");
        var result = CliRunner.Run(["correlate", "--runs", .. runs, "--out", outDir, "--resamples", "300"]);
        Assert.True(result.ExitCode == 0, result.StdErr + result.StdOut);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "correlations.json")))!;
        var expected = Correlation.Pearson(fid, top1);
        Assert.Equal(expected, json["correlations"]!["fid"]!["pearson"]!["r"]!.GetValue<double>(), 10);
        Assert.Equal(-1.0, json["correlations"]!["fid"]!["spearman"]!["r"]!.GetValue<double>(), 10);
        Assert.Equal(1.0, json["correlations"]!["diversity_logdet"]!["spearman"]!["r"]!.GetValue<double>(), 10);
        Assert.Equal(4, json["correlations"]!["fvd"]!["n"]!.GetValue<int>());
        Assert.Null(json["correlations"]!["spectrum_alpha"]!["pearson"]!["r"]);
        var low = json["correlations"]!["fid"]!["pearson"]!["ci_low"]!.GetValue<double>();
        var high = json["correlations"]!["fid"]!["pearson"]!["ci_high"]!.GetValue<double>();
        Assert.InRange(expected, low, high);

        var csv = File.ReadAllLines(Path.Combine(outDir, "correlations.csv"));
        Assert.StartsWith("property,n,pearson_r", csv[0], StringComparison.Ordinal);
        var fidRow = csv.Single(l => l.StartsWith("fid,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(expected, double.Parse(fidRow[2], CultureInfo.InvariantCulture), 10);
        Assert.True(File.Exists(Path.Combine(outDir, "scatter_fid.png")));
        Assert.True(File.Exists(Path.Combine(outDir, "scatter_lab_skl.png")));
    }

    [Fact]
    public void MissingResultsIsAUsageErrorNamingTheFile()
    {
        using var dir = new TempFolder();
        var runs = Enumerable.Range(0, 3).Select(i => Directory.CreateDirectory(Path.Combine(dir.Path, $"r{i}")).FullName).ToArray();
        foreach (var r in runs)
        {
            File.WriteAllText(Path.Combine(r, "metrics.json"), "{\"fid\": 1}");
        }
        var result = CliRunner.Run(["correlate", "--runs", .. runs, "--out", dir.File("out")]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("results.json", result.StdErr);
    }
}

using System.Text.Json;
using SynVid.Tests.Evaluation;

namespace SynVid.Tests.Cli;

public class EvaluateCommandTests
{
    [Fact]
    public void EvaluateWritesResultsPredictionsAndConfusion()
    {
        using var fixture = new DownstreamFixture();
        var outDir = Path.Combine(fixture.Root, "eval");
        var run = CliRunner.Run("evaluate", "--checkpoint", fixture.Checkpoint, "--data", "folder:" + fixture.DataDir,
            "--views", "2x3", "--out", outDir, "--threads", "1");
        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        var root = json.RootElement;
        Assert.Equal(6, root.GetProperty("num_videos").GetInt32());
        Assert.Equal("2x3", root.GetProperty("views").GetString());
        var top1 = root.GetProperty("top1").GetDouble();
        Assert.InRange(top1, 0, 100);
        Assert.Equal(100.0, root.GetProperty("top5").GetDouble());
        var rows = File.ReadAllLines(Path.Combine(outDir, "predictions.csv"));
        Assert.Equal(7, rows.Length);
        var correct = rows.Skip(1).Count(r => r.Split(',')[1] == r.Split(',')[3]);
        Assert.Equal(top1, 100.0 * correct / 6, 3);
        Assert.True(new FileInfo(Path.Combine(outDir, "confusion.png")).Length > 1000);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(outDir, "per_class.csv")).Length);
    }

    [Fact]
    public void BadViewsAndClassMismatchAreUsageErrors()
    {
        using var fixture = new DownstreamFixture();
        var outDir = Path.Combine(fixture.Root, "eval");
        var run = CliRunner.Run("evaluate", "--checkpoint", fixture.Checkpoint, "--data", "folder:" + fixture.DataDir, "--views", "5by3", "--out", outDir);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("5by3", run.StdErr, StringComparison.Ordinal);
        run = CliRunner.Run("evaluate", "--checkpoint", fixture.Checkpoint, "--data", "synaction", "--out", outDir);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("3 classes", run.StdErr, StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;
using SynVid.Tests.Evaluation;

namespace SynVid.Tests.Cli;

public class FineTuneCommandTests
{
    [Theory]
    [InlineData("finetune")]
    [InlineData("linprobe")]
    public void AnUnknownPresetExitsWithUsageError(string command)
    {
        using var folder = new TempFolder();
        var result = CliRunner.Run(command, "--data", "synaction", "--checkpoint", "none", "--preset", "gpu-huge", "--out", folder.File("run"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("synvid: unknown preset 'gpu-huge'; known: paper-ucf101, paper-hmdb51, cpu-tiny, cpu-small, cpu-proof", result.StdErr.Trim());
        Assert.False(Directory.Exists(folder.File("run")));
    }

    [Theory]
    [InlineData("finetune")]
    [InlineData("linprobe")]
    public void AMissingCheckpointExitsWithUsageError(string command)
    {
        using var folder = new TempFolder();
        var missing = folder.File("nope.pth");
        var result = CliRunner.Run(command, "--data", "synaction", "--checkpoint", missing, "--out", folder.File("run"));
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StdErr.Trim().Split('\n'));
        Assert.Contains(missing, line, StringComparison.Ordinal);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AFineTunedRunIsWhatEvaluateMeasures()
    {
        using var fixture = new DownstreamFixture();
        using var folder = new TempFolder();
        var run = folder.File("run");
        var data = "folder:" + fixture.DataDir;
        var trained = CliRunner.Run("finetune", "--data", data, "--checkpoint", "none", "--preset", "cpu-tiny", "--out", run,
            "--epochs", "1", "--batch", "2", "--views", "2x1", "--threads", "1");
        Assert.True(trained.ExitCode == 0, trained.StdErr);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "results.json")))!;
        Assert.Equal("2x1", (string)results["views"]!);

        var evaluated = CliRunner.Run("evaluate", "--checkpoint", Path.Combine(run, "checkpoint-final.pth"), "--data", data,
            "--views", "2x1", "--out", folder.File("eval"), "--threads", "1");
        Assert.True(evaluated.ExitCode == 0, evaluated.StdErr);
        var again = JsonNode.Parse(File.ReadAllText(folder.File("eval/results.json")))!;
        Assert.Equal((double)results["top1"]!, (double)again["top1"]!);
        Assert.Equal(File.ReadAllText(Path.Combine(run, "predictions.csv")), File.ReadAllText(folder.File("eval/predictions.csv")));

        // a second run into the same folder is refused
        var twice = CliRunner.Run("finetune", "--data", data, "--checkpoint", "none", "--out", run);
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("--resume", twice.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("finetune")]
    [InlineData("linprobe")]
    public void ResumingAFinishedRunHasNothingToDoAndTouchesNothing(string command)
    {
        using var folder = new TempFolder();
        var run = folder.File("run");
        var trained = CliRunner.Run(command, "--data", "synaction:train=1,test=1,size=43x32", "--checkpoint", "none", "--preset", "cpu-tiny",
            "--out", run, "--epochs", "1", "--threads", "1");
        Assert.True(trained.ExitCode == 0, trained.StdErr + trained.StdOut);
        string[] kept = ["results.json", "checkpoint-final.pth"];
        var before = kept.Select(f => (File.ReadAllBytes(Path.Combine(run, f)), File.GetLastWriteTimeUtc(Path.Combine(run, f)))).ToList();
        var entries = Directory.GetFileSystemEntries(run, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        var resumed = CliRunner.Run(command, "--resume", run, "--threads", "1");
        Assert.True(resumed.ExitCode == 0, resumed.StdErr + resumed.StdOut);
        Assert.Equal("", resumed.StdErr);
        // one message (the console may wrap it at its width)
        var line = string.Join(" ", resumed.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("nothing to do: ", line, StringComparison.Ordinal);
        Assert.Contains("has run 1 of 1 epochs", line, StringComparison.Ordinal);
        Assert.Contains("--epochs N", line, StringComparison.Ordinal);
        for (var i = 0; i < kept.Length; i++)
        {
            Assert.Equal(before[i].Item1, File.ReadAllBytes(Path.Combine(run, kept[i])));
            Assert.Equal(before[i].Item2, File.GetLastWriteTimeUtc(Path.Combine(run, kept[i])));
        }
        Assert.Equal(entries, Directory.GetFileSystemEntries(run, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    }
}

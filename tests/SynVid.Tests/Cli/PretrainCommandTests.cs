using SynVid.Reporting;

namespace SynVid.Tests.Cli;

public class PretrainCommandTests
{
    [Fact]
    public void NewRunThenResumeContinuesToTheRequestedStep()
    {
        var run = Path.Combine(Path.GetTempPath(), "synvid-cli-pretrain-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = CliRunner.Run("pretrain", "--stage", "moving-shapes", "--preset", "cpu-tiny", "--steps", "2", "--checkpoint-every", "1",
                "--out", run, "--seed", "3", "--threads", "1", "--batch", "2", "--res", "96");
            Assert.True(first.ExitCode == 0, first.StdErr + first.StdOut);
            foreach (var file in new[] { "config.json", "metrics.csv", "loss.png", "reconstruction.png" })
            {
                Assert.True(File.Exists(Path.Combine(run, file)), file);
            }
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "tensorboard"), "events.out.tfevents.*"));

            var again = CliRunner.Run("pretrain", "--stage", "moving-shapes", "--out", run);
            Assert.Equal(2, again.ExitCode);
            Assert.Contains("--resume", again.StdErr, StringComparison.Ordinal);

            var resumed = CliRunner.Run("pretrain", "--resume", run, "--steps", "3", "--threads", "1");
            Assert.True(resumed.ExitCode == 0, resumed.StdErr + resumed.StdOut);
            var (steps, values) = MetricsCsv.Read(Path.Combine(run, "metrics.csv"));
            Assert.Equal([1L, 2, 3], steps);
            Assert.All(values["loss"], l => Assert.True(double.IsFinite(l) && l > 0));
            Assert.True(Directory.Exists(Path.Combine(run, "checkpoints", "step-00000003")));
        }
        finally
        {
            if (Directory.Exists(run))
            {
                Directory.Delete(run, true);
            }
        }
    }

    [Theory]
    [InlineData("pretrain", "--out", "/tmp/x")]
    [InlineData("pretrain", "--stage", "no-such-stage", "--out", "/tmp/x")]
    [InlineData("pretrain", "--stage", "moving-shapes", "--preset", "huge-gpu", "--out", "/tmp/x")]
    [InlineData("pretrain", "--stage", "moving-shapes", "--batch", "0", "--out", "/tmp/x")]
    [InlineData("pretrain", "--resume", "/nonexistent/run")]
    public void BadArgumentsExitTwoWithOneLine(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists("/tmp/x/config.json"));
    }
}

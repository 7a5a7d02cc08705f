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

    [Fact]
    public void PretrainsOnTheTrainingSplitOfALabelledDatasetAndResumesOnTheSameData()
    {
        using var fixture = new SynVid.Tests.Evaluation.DownstreamFixture();
        var run = Path.Combine(fixture.Root, "run");
        var first = CliRunner.Run("pretrain", "--data", "folder:" + fixture.DataDir, "--preset", "cpu-tiny", "--steps", "1",
            "--out", run, "--threads", "1", "--batch", "2");
        Assert.True(first.ExitCode == 0, first.StdErr + first.StdOut);
        var config = File.ReadAllText(Path.Combine(run, "config.json"));
        Assert.Contains("\"train_split\": \"folder:", config, StringComparison.Ordinal);
        var resumed = CliRunner.Run("pretrain", "--resume", run, "--steps", "2", "--threads", "1");
        Assert.True(resumed.ExitCode == 0, resumed.StdErr + resumed.StdOut);
        Assert.Equal([1L, 2], MetricsCsv.Read(Path.Combine(run, "metrics.csv")).Steps);

        var bad = CliRunner.Run("pretrain", "--data", "nosuchkind:x", "--out", Path.Combine(fixture.Root, "bad"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("nosuchkind", bad.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void AKilledRunResumesFromItsLastCheckpoint()
    {
        var run = Path.Combine(Path.GetTempPath(), "synvid-cli-kill-" + Guid.NewGuid().ToString("N"));
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "synvid.dll"), "pretrain", "--stage", "moving-shapes", "--preset", "cpu-tiny", "--steps", "300",
                "--checkpoint-every", "2", "--out", run, "--threads", "1", "--batch", "2", "--res", "96",
            })
            {
                info.ArgumentList.Add(a);
            }
            using var process = System.Diagnostics.Process.Start(info)!;
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            var latest = Path.Combine(run, "checkpoints", "latest");
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!(File.Exists(latest) && string.CompareOrdinal(File.ReadAllText(latest), "step-00000006") >= 0) && DateTime.UtcNow < deadline && !process.HasExited)
            {
                Thread.Sleep(50);
            }
            Assert.False(process.HasExited, "the run ended before it could be killed");
            process.Kill(); // SIGKILL, possibly in the middle of writing a checkpoint
            process.WaitForExit();

            var done = new SynVid.Training.CheckpointStore(run).LatestStep();
            Assert.NotNull(done);
            Assert.True(done >= 6);
            var resumed = CliRunner.Run("pretrain", "--resume", run, "--steps", (done.Value + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", "1");
            Assert.True(resumed.ExitCode == 0, resumed.StdErr + resumed.StdOut);
            var (steps, _) = MetricsCsv.Read(Path.Combine(run, "metrics.csv"));
            Assert.Equal(Enumerable.Range(1, (int)done.Value + 2).Select(i => (long)i), steps);
        }
        finally
        {
            if (Directory.Exists(run))
            {
                Directory.Delete(run, true);
            }
        }
    }

    [Fact]
    public void ResumingAFineTuningRunSaysWhatItIs()
    {
        using var dir = new TempFolder();
        File.WriteAllText(Path.Combine(dir.Path, "config.json"), """{ "recipe": {}, "mode": "finetune" }""");
        var r = CliRunner.Run("pretrain", "--resume", dir.Path, "--threads", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"synvid: --resume {dir.Path} holds a fine-tuning run, not a pre-training run", r.StdErr.Trim());
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

namespace SynVid.Tests.Cli;

public class InfoCommandTests
{
    [Fact]
    public void InfoPrintsVersionsAndLoadsLibTorch()
    {
        var r = CliRunner.Run("info");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("TorchSharp", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("0.107.0", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("2.10", r.StdOut, StringComparison.Ordinal);
        Assert.Contains(".NET", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("ffmpeg", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void InfoShowsTheVideoDecoderAndTheChoiceCanBeForced()
    {
        var auto = CliRunner.Run("info");
        var forced = CliRunner.Run(["info"], null, environment: new Dictionary<string, string> { ["SYNVID_VIDEO_DECODER"] = "ffmpeg" });

        Assert.Contains("video decoding", auto.StdOut, StringComparison.Ordinal);
        Assert.Contains(SynVid.Video.VideoDecoding.InProcessAvailable ? "in-process (libavformat 59." : "ffmpeg processes: in-process", auto.StdOut, StringComparison.Ordinal);
        Assert.Contains("ffmpeg processes (chosen by SYNVID_VIDEO_DECODER)", forced.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpListsCommands()
    {
        var r = CliRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("info", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("Usage", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommandExitsTwoWithOneLine()
    {
        var r = CliRunner.Run("no-such-command");
        Assert.Equal(2, r.ExitCode);
        var lines = r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("no-such-command", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
    }
}

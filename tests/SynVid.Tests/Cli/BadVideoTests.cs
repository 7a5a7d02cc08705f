using System.Text.Json.Nodes;

namespace SynVid.Tests.Cli;

/// <summary>
/// --on-bad-video fail|skip in the commands that read listed videos (issue items 0, 1, 5 and 10): fail is one line
/// naming the file, exit 2 and no run folder that looks started; skip counts the skipped videos per split, lists them
/// in skipped.csv and goes on; a truncated video is bad everywhere; nothing aborts.
/// </summary>
public sealed class BadVideoTests : IDisposable
{
    private readonly BadVideoFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private string Out(string name) => Path.Combine(_fixture.Root, name);

    private static string OneLine(CliRunner.Result r)
    {
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
        return Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void EvaluateFailsOnATruncatedVideoOrSkipsAndCountsOnlyTheTestSplit()
    {
        var failed = CliRunner.Run("evaluate", "--checkpoint", _fixture.Checkpoint, "--data", "csv:" + _fixture.Data, "--views", "1x1",
            "--threads", "1", "--out", Out("eval-fail"));
        Assert.Equal(2, failed.ExitCode);
        var line = OneLine(failed);
        Assert.Contains("trunc.mp4", line, StringComparison.Ordinal);
        Assert.Contains("--on-bad-video skip", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out("eval-fail")));

        var skipped = CliRunner.Run("evaluate", "--checkpoint", _fixture.Checkpoint, "--data", "csv:" + _fixture.Data, "--views", "1x1",
            "--threads", "1", "--out", Out("eval-skip"), "--on-bad-video", "skip");
        Assert.True(skipped.ExitCode == 0, skipped.StdErr + skipped.StdOut);
        // rand.mp4 of train.csv and val.csv is not counted: evaluate reads the test split only
        Assert.Contains("skipped 1 bad video (test 1)", skipped.StdOut, StringComparison.Ordinal);
        var list = File.ReadAllLines(Path.Combine(Out("eval-skip"), "skipped.csv"));
        Assert.Equal("split,path,reason", list[0]);
        Assert.StartsWith("test," + _fixture.Truncated + ",", Assert.Single(list[1..]), StringComparison.Ordinal);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(Out("eval-skip"), "results.json")))!;
        Assert.Equal(2, (int)results["num_videos"]!);
        Assert.Equal(1, (int)results["skipped_videos"]!);
    }

    [Fact]
    public void FineTuningFailsBeforeTheRunStartsOrSkipsPerSplit()
    {
        string[] args = ["finetune", "--data", "csv:" + _fixture.Data, "--checkpoint", "none", "--epochs", "1", "--batch", "2",
            "--views", "1x1", "--threads", "1"];
        var failed = CliRunner.Run([.. args, "--out", Out("ft")]);
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("rand.mp4", OneLine(failed), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out("ft"), "config.json")));

        // the same folder is free for the next try
        var skipped = CliRunner.Run([.. args, "--out", Out("ft"), "--on-bad-video", "skip"]);
        Assert.True(skipped.ExitCode == 0, skipped.StdErr + skipped.StdOut);
        Assert.Contains("skipped 3 bad videos (train 1, val 1, test 1)", skipped.StdOut, StringComparison.Ordinal);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(Out("ft"), "skipped.csv")).Length);
    }

    [Fact]
    public void AVideoThatFailsOnlyWhenReadLeavesNoStartedRunFolder()
    {
        // the truncated video probes fine, so it fails in the first training step
        var lists = _fixture.Lists("trunc-train", "trunc.mp4 0\ngood1.mp4 1\ngood2.mp4 0\ngood3.mp4 1\n", "good0.mp4 0\ngood1.mp4 1\n", "good0.mp4 0\ngood1.mp4 1\n");
        var failed = CliRunner.Run("finetune", "--data", "csv:" + lists, "--checkpoint", "none", "--epochs", "1", "--batch", "4",
            "--threads", "1", "--out", Out("ft-trunc"));
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("trunc.mp4", OneLine(failed), StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(Out("ft-trunc")) ? Directory.GetFileSystemEntries(Out("ft-trunc")) : []);
    }

    [Fact]
    public void PretrainingOnAListFailsWithoutAStartedFolderOrSaysHowManyItSkipped()
    {
        var list = Path.Combine(_fixture.Data, "train.csv");
        string[] args = ["pretrain", "--data", list, "--steps", "1", "--batch", "5", "--threads", "1"];
        var failed = CliRunner.Run([.. args, "--out", Out("pt")]);
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("rand.mp4", OneLine(failed), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out("pt"), "config.json")));

        var skipped = CliRunner.Run([.. args, "--out", Out("pt"), "--on-bad-video", "skip"]);
        Assert.True(skipped.ExitCode == 0, skipped.StdErr + skipped.StdOut);
        Assert.Contains("skipped 1 bad video (train 1)", skipped.StdOut, StringComparison.Ordinal);
        Assert.Contains("rand.mp4", File.ReadAllText(Path.Combine(Out("pt"), "skipped.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void PretrainingOnACsvFileProbesItsVideosBeforeTheRunStarts()
    {
        // one real video and one of random bytes, in a csv file (not the csv:DIR spec form)
        var list = Path.Combine(_fixture.Data, "pretrain-list.csv");
        File.WriteAllText(list, "good0.mp4 0\nrand.mp4 1\n");
        string[] plain = ["pretrain", "--data", list, "--preset", "cpu-tiny", "--steps", "1", "--batch", "2", "--threads", "1"];
        string[] mixed = [.. plain, "--stage", "moving-shapes", "--mix", "0.01"];
        foreach (var (name, args) in new[] { ("pt-list", plain), ("pt-mix", mixed) })
        {
            var failed = CliRunner.Run([.. args, "--out", Out(name)]);
            Assert.True(failed.ExitCode == 2, $"{name}: exit {failed.ExitCode}: {failed.StdErr}{failed.StdOut}");
            var line = OneLine(failed);
            Assert.Contains(Path.Combine(_fixture.Data, "rand.mp4"), line, StringComparison.Ordinal);
            Assert.Contains($"listed in {list}:2", line, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Out(name)), $"{name}: the run folder was created");
        }

        var skipped = CliRunner.Run([.. plain, "--out", Out("pt-list"), "--on-bad-video", "skip"]);
        Assert.True(skipped.ExitCode == 0, skipped.StdErr + skipped.StdOut);
        Assert.Contains("skipped 1 bad video (train 1)", skipped.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedVideoIsBadInPerturbAndPerturbDataset()
    {
        var single = CliRunner.Run("perturb", "--type", "gauss", "--severity", "1", "--input", _fixture.Truncated, "--out", Out("p.mp4"));
        Assert.Equal(2, single.ExitCode);
        Assert.Contains("truncated", OneLine(single), StringComparison.Ordinal);
        Assert.False(File.Exists(Out("p.mp4")));

        string[] args = ["perturb-dataset", "--data", "csv:" + _fixture.Data, "--type", "gauss", "--severity", "1", "--threads", "1"];
        var failed = CliRunner.Run([.. args, "--out", Out("pd")]);
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("trunc.mp4", OneLine(failed), StringComparison.Ordinal);

        var skipped = CliRunner.Run([.. args, "--out", Out("pd-skip"), "--on-bad-video", "skip"]);
        Assert.True(skipped.ExitCode == 0, skipped.StdErr + skipped.StdOut);
        Assert.Contains("skipped 1 bad video (test 1)", skipped.StdOut, StringComparison.Ordinal);
        Assert.Equal(["good1.mp4 1", "good2.mp4 0"], File.ReadAllLines(Path.Combine(Out("pd-skip"), "test.csv")));
    }

    [Fact]
    public void AnalyzeFailsOnABadVideoOrSkipsItAndAReadFailureTakesTheNextVideo()
    {
        var lists = _fixture.Lists("analyze", "rand.mp4 0\ntrunc.mp4 0\ngood1.mp4 1\ngood2.mp4 0\n", "good0.mp4 0\n", "good0.mp4 0\n");
        string[] args = ["analyze", "--data", "csv:" + lists, "--reference", "stage:static-circles,count=12,resolution=32", "--frames", "16", "--videos", "3", "--threads", "1"];
        var failed = CliRunner.Run([.. args, "--out", Out("an-fail")]);
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("--on-bad-video skip", OneLine(failed), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out("an-fail")));

        // rand.mp4 does not probe as a video; the truncated one fails when its clip is read, and the next video stands in
        var skipped = CliRunner.Run([.. args, "--out", Out("an-skip"), "--on-bad-video", "skip"]);
        Assert.True(skipped.ExitCode == 0, skipped.StdErr + skipped.StdOut);
        Assert.Contains("skipped 2 bad videos (data 2)", skipped.StdOut, StringComparison.Ordinal);
        var list = File.ReadAllLines(Path.Combine(Out("an-skip"), "skipped.csv"));
        Assert.Equal(["data rand.mp4", "data trunc.mp4"], list[1..].Select(l => l.Split(',')[0] + " " + Path.GetFileName(l.Split(',')[1])));
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(Out("an-skip"), "metrics.json")))!;
        Assert.Equal(2, (int)metrics["counts"]!["skipped_videos"]!);
        Assert.Equal(3, (int)metrics["counts"]!["videos"]!);
        Assert.Equal("skip", (string)metrics["on_bad_video"]!);
    }

    [Fact]
    public void AttentionFailsOnABadVideoOrSkipsIt()
    {
        var lists = _fixture.Lists("attention", "rand.mp4 0\ntrunc.mp4 0\ngood1.mp4 1\ngood2.mp4 0\n", "good0.mp4 0\n", "good0.mp4 0\n");
        string[] args = ["attention", "--checkpoint", _fixture.Checkpoint, "--data", "csv:" + lists, "--frames", "4", "--size", "32", "--heads", "1",
            "--stride", "4", "--videos", "3", "--show", "1"];
        var failed = CliRunner.Run([.. args, "--out", Out("att-fail")]);
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("--on-bad-video skip", OneLine(failed), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out("att-fail")));

        var skipped = CliRunner.Run([.. args, "--out", Out("att-skip"), "--on-bad-video", "skip"]);
        Assert.True(skipped.ExitCode == 0, skipped.StdErr + skipped.StdOut);
        Assert.Contains("skipped 2 bad videos (data 2)", skipped.StdOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out("att-skip"), "attention_keys.png")));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(Out("att-skip"), "skipped.csv")).Length);
    }

    [Fact]
    public void AVariableFrameRateVideoNeverAborts()
    {
        // 7 pictures over the 46 frames the container counts: read as a player shows them, or at worst a bad video
        var lists = _fixture.Lists("vfr", "good0.mp4 0\ngood1.mp4 1\n", "good0.mp4 0\ngood1.mp4 1\n", "vfr.avi 0\ngood1.mp4 1\n");
        foreach (var policy in new[] { "fail", "skip" })
        {
            var r = CliRunner.Run("evaluate", "--checkpoint", _fixture.Checkpoint, "--data", "csv:" + lists, "--views", "1x1", "--threads", "1",
                "--out", Out("vfr-" + policy), "--on-bad-video", policy);
            Assert.True(r.ExitCode == 0 || (policy == "fail" && r.ExitCode == 2), $"exit {r.ExitCode}: {r.StdErr}");
            if (r.ExitCode == 2)
            {
                Assert.Contains("vfr.avi", OneLine(r), StringComparison.Ordinal);
            }
        }
        var perturbed = CliRunner.Run("perturb", "--type", "gauss", "--severity", "1", "--input", _fixture.VariableRate, "--out", Out("vfr.mp4"));
        Assert.True(perturbed.ExitCode is 0 or 2, $"exit {perturbed.ExitCode}: {perturbed.StdErr}");
        if (perturbed.ExitCode == 2)
        {
            Assert.Contains("vfr.avi", OneLine(perturbed), StringComparison.Ordinal);
        }
    }
}

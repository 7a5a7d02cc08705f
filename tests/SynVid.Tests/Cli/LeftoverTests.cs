using SynVid.Serialization;
using SynVid.Training;
using SynVid.Video;

namespace SynVid.Tests.Cli;

/// <summary>What interrupted or damaged runs leave is not taken for finished work (issue item 9).</summary>
public sealed class LeftoverTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ARerunOfGenerateRewritesEmptyAndTruncatedVideos()
    {
        var output = _dir.File("gen");
        string[] args = ["generate", "--stage", "moving-circles", "--count", "3", "--frames", "6", "--res", "32", "--threads", "1", "--out", output];
        var first = CliRunner.Run(args);
        Assert.True(first.ExitCode == 0, first.StdErr);
        var videos = Enumerable.Range(0, 3).Select(i => Path.Combine(output, "videos", $"{i:D6}.mp4")).ToArray();
        Assert.All(videos, v => Assert.Null(Mp4Check.Problem(v, 6)));
        var whole = File.ReadAllBytes(videos[1]);
        File.WriteAllBytes(videos[1], whole[..(whole.Length / 2)]);
        File.WriteAllBytes(videos[2], []);
        Assert.NotNull(Mp4Check.Problem(videos[1], 6));
        Assert.Equal("empty file", Mp4Check.Problem(videos[2], 6));
        Assert.Equal("6 frames instead of 5", Mp4Check.Problem(videos[0], 5));

        var again = CliRunner.Run(args);
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Contains("wrote 2 video(s), 1 already present", again.StdOut, StringComparison.Ordinal);
        Assert.Contains("rewrote 2 incomplete video(s)", again.StdOut, StringComparison.Ordinal);
        Assert.All(videos, v => Assert.Null(Mp4Check.Problem(v, 6)));
        Assert.Equal(whole, File.ReadAllBytes(videos[1]));
    }

    [Fact]
    public void CheckpointFoldersOfKilledWritesAreRemovedUnlessTheirWriterRuns()
    {
        var store = new CheckpointStore(_dir.Path);
        Directory.CreateDirectory(store.Directory);
        var dead = Path.Combine(store.Directory, "step-00000004" + AtomicFile.Marker + "999999-0a1b");
        // pid 1 always runs (and started before any temporary): a write in progress elsewhere is left alone
        var live = Path.Combine(store.Directory, "step-00000006" + AtomicFile.Marker + "1-0a1b");
        foreach (var dir in new[] { dead, live })
        {
            Directory.CreateDirectory(dir);
        }
        var pointer = Path.Combine(store.Directory, "latest" + AtomicFile.Marker + "999999-0a1c");
        File.WriteAllText(pointer, "step-00000004");
        Assert.Equal(2, store.RemoveInterruptedWrites());
        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(live));
        Assert.False(File.Exists(pointer));
        Assert.Null(store.LatestStep());
    }
}

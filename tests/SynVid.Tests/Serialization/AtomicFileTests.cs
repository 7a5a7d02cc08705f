using SynVid.Serialization;

namespace SynVid.Tests.Serialization;

public class AtomicFileTests
{
    // No process has this id (Linux caps ids far lower; Windows ids are multiples of 4).
    private const int DeadPid = 999_999_999;

    private static string[] Temporaries(string folder) =>
        Directory.GetFileSystemEntries(folder, "*" + AtomicFile.Marker + "*");

    [Fact]
    public void WritesTheWholeContentAndLeavesNoTemporary()
    {
        using var dir = new TempFolder();
        var path = dir.File("a.json");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "ünïcode second");
        Assert.Equal("ünïcode second", File.ReadAllText(path));

        AtomicFile.WriteAllBytes(dir.File("b.bin"), [1, 2, 3]);
        AtomicFile.Write(dir.File("c.bin"), s => s.Write([4, 5]));
        AtomicFile.WriteFile(dir.File("d.txt"), temp => File.WriteAllLines(temp, ["x", "y"]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(dir.File("b.bin")));
        Assert.Equal([4, 5], File.ReadAllBytes(dir.File("c.bin")));
        Assert.Equal(["x", "y"], File.ReadAllLines(dir.File("d.txt")));
        Assert.Equal(["a.json", "b.bin", "c.bin", "d.txt"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AFailureMidWriteLeavesThePreviousFileAndNoTemporary()
    {
        using var dir = new TempFolder();
        var path = dir.File("model.pth");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[1000]);
            throw new IOException("disk full");
        }));
        Assert.False(File.Exists(path));

        AtomicFile.WriteAllText(path, "complete");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteFile(path, temp =>
        {
            File.WriteAllText(temp, "half");
            throw new InvalidOperationException("killed");
        }));
        Assert.Equal("complete", File.ReadAllText(path));
        Assert.Empty(Temporaries(dir.Path));
    }

    [Fact]
    public void FoldersAppearWholeAndReplaceAnOlderOne()
    {
        using var dir = new TempFolder();
        var folder = dir.File("step-00000005");
        AtomicFile.WriteFolder(folder, temp => File.WriteAllText(Path.Combine(temp, "old.txt"), "old"));
        AtomicFile.WriteFolder(folder, temp =>
        {
            Assert.True(AtomicFile.IsTemporary(temp));
            Assert.Empty(Directory.GetFileSystemEntries(temp));
            File.WriteAllText(Path.Combine(temp, "state.json"), "{}");
        });
        Assert.Equal(["state.json"], Directory.GetFiles(folder).Select(Path.GetFileName));

        Assert.Throws<IOException>(() => AtomicFile.WriteFolder(dir.File("step-00000009"), temp =>
        {
            File.WriteAllText(Path.Combine(temp, "checkpoint.pth"), "partial");
            throw new IOException("killed");
        }));
        Assert.False(Directory.Exists(dir.File("step-00000009")));
        Assert.Empty(Temporaries(dir.Path));
    }

    [Fact]
    public void CleanStaleRemovesWhatDeadWritersLeftAndKeepsLiveOnes()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("video.mp4"), "finished");
        var deadFile = dir.File($"a.json{AtomicFile.Marker}{DeadPid}-0badc0de");
        File.WriteAllText(deadFile, "torn");
        var deadFolder = dir.File($"step-00000009{AtomicFile.Marker}{DeadPid}-deadbeef");
        Directory.CreateDirectory(deadFolder);
        File.WriteAllText(Path.Combine(deadFolder, "checkpoint.pth"), "torn");
        // This process's id, but written long before it started: an earlier run whose id was reused.
        var reused = AtomicFile.TempPathFor(dir.File("b.json"));
        File.WriteAllText(reused, "torn");
        File.SetLastWriteTimeUtc(reused, DateTime.UtcNow.AddDays(-30));
        // A write in flight in this process.
        var live = AtomicFile.TempPathFor(dir.File("c.json"));
        File.WriteAllText(live, "in flight");

        Assert.Equal(3, AtomicFile.CleanStale(dir.Path));
        Assert.Equal([live], Temporaries(dir.Path));
        Assert.True(File.Exists(dir.File("video.mp4")));
        Assert.Equal(0, AtomicFile.CleanStale(dir.File("no-such-folder")));
    }

    [Fact]
    public void TemporaryNamesFollowOnePattern()
    {
        var temp = AtomicFile.TempPathFor("out/video.mp4");
        var name = Path.GetFileName(temp);
        Assert.StartsWith($"video.mp4{AtomicFile.Marker}{Environment.ProcessId}-", name, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath("out"), Path.GetDirectoryName(temp));
        Assert.True(AtomicFile.IsTemporary(temp));
        Assert.False(AtomicFile.IsTemporary("out/video.mp4"));
        Assert.NotEqual(temp, AtomicFile.TempPathFor("out/video.mp4"));
    }
}

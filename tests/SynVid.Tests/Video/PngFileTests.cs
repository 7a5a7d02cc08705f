using SynVid.Video;

namespace SynVid.Tests.Video;

public sealed class PngFileTests
{
    [Fact]
    public void RoundTripIsExactAndLeavesOnlyTheFile()
    {
        using var dir = new TempFolder();
        var path = dir.File("frame.png");
        var image = TestFrames.Noise(37, 23, 0);
        File.WriteAllText(path, "stale");

        PngFile.Write(path, image);

        Assert.True(image.PixelsEqual(PngFile.Read(path)));
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void BadPathsAreUserErrorsNamingTheFile()
    {
        using var dir = new TempFolder();
        var missing = dir.File("missing.png");
        var garbage = dir.File("garbage.png");
        File.WriteAllText(garbage, "not a png");
        var noFolder = dir.File("no/folder/x.png");

        Assert.Contains(missing, Assert.Throws<UserInputException>(() => PngFile.Read(missing)).Message);
        Assert.Contains(garbage, Assert.Throws<UserInputException>(() => PngFile.Read(garbage)).Message);
        Assert.Contains(noFolder, Assert.Throws<UserInputException>(() => PngFile.Write(noFolder, new RgbImage(2, 2))).Message);
    }
}

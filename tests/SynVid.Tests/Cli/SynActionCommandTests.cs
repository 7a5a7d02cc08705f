using SynVid.Video;

namespace SynVid.Tests.Cli;

public class SynActionCommandTests
{
    [Fact]
    public void SheetWritesAPngWithOneRowPerActionAndRejectsBadSplits()
    {
        var dir = Path.Combine(Path.GetTempPath(), "synvid-sheet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var png = Path.Combine(dir, "sheet.png");
            var ok = CliRunner.Run("synaction", "sheet", "--out", png, "--frames", "2", "--cell-width", "32", "--split", "test-novel-bg");
            Assert.Equal(0, ok.ExitCode);
            var image = PngFile.Read(png);
            // 10 rows of 32 × 24 cells with 2-pixel gaps
            Assert.Equal(10 * 26, image.Height);

            var bad = CliRunner.Run("synaction", "sheet", "--out", png, "--split", "validation");
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("--split must be train, test or test-novel-bg", bad.StdErr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

using System.Diagnostics;
using SynVid.Evaluation.Perturbations;
using SynVid.Serialization;
using SynVid.Video;

namespace SynVid.Tests.Cli;

public sealed class PerturbCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"perturb-cli-{Guid.NewGuid():N}");

    public PerturbCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Fixture => Path.Combine(SynVid.Tests.Evaluation.PerturbationFixtures.Directory, "input.npy");

    [Fact]
    public void PerturbWritesTheLibrarysResultForANpyClip()
    {
        var output = Path.Combine(_dir, "out.npy");
        var r = CliRunner.Run("perturb", "--type", "gauss", "--severity", "2", "--input", Fixture, "--out", output, "--seed", "5");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var expected = ClipPerturbation.Apply(NpyClip.Read(Fixture), new GaussianNoise(), 2, seed: 5);
        var actual = NpyClip.Read(output);
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), p => Assert.True(p.First.PixelsEqual(p.Second)));
        Assert.Empty(Directory.GetFiles(_dir, "*" + AtomicFile.Marker + "*"));
    }

    [Fact]
    public void TemporalPerturbationOfAVideoWritesTheSelectedFrames()
    {
        var input = Path.Combine(_dir, "in.mp4");
        var ffmpeg = Process.Start("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=25", "-t", "1", "-pix_fmt", "yuv420p", input]);
        ffmpeg.WaitForExit();
        Assert.Equal(0, ffmpeg.ExitCode);
        var output = Path.Combine(_dir, "out.mkv");
        var r = CliRunner.Run("perturb", "--type", "sampling", "--severity", "2", "--input", input, "--out", output);
        Assert.True(r.ExitCode == 0, r.StdErr);
        var frames = PerturbationFile.ReadClip(output);
        Assert.Equal(7, frames.Length); // 25 frames, every 4th
        Assert.All(frames, f => Assert.Equal((64, 48), (f.Width, f.Height)));
    }

    [Fact]
    public void BadTypeSeverityOrFileExitsTwoWithOneLine()
    {
        var output = Path.Combine(_dir, "out.npy");
        foreach (var args in new[]
        {
            new[] { "perturb", "--type", "blurry", "--severity", "1", "--input", Fixture, "--out", output },
            ["perturb", "--type", "jumble", "--severity", "6", "--input", Fixture, "--out", output],
            ["perturb", "--type", "jumble", "--severity", "1", "--input", Path.Combine(_dir, "missing.npy"), "--out", output],
            ["perturb", "--type", "jumble", "--severity", "1", "--input", Fixture, "--out", Path.Combine(_dir, "out.mp4")],
        })
        {
            var r = CliRunner.Run(args);
            Assert.Equal(2, r.ExitCode);
            Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void PreviewWritesAContactSheetWithARowPerTypeAndAColumnPerSeverity()
    {
        var clip = Path.Combine(_dir, "clip.npy");
        NpyClip.Write(clip, NpyClip.Read(Fixture)[..8]);
        var png = Path.Combine(_dir, "sheet.png");
        var r = CliRunner.Run("preview", "--perturbations", "--input", clip, "--out", png);
        Assert.True(r.ExitCode == 0, r.StdErr);
        var sheet = new PerturbationContactSheet();
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal(sheet.LabelWidth + 7 * sheet.CellSize, bitmap.Width);
        Assert.Equal(sheet.HeaderHeight + PerturbationCatalog.All.Count * sheet.CellSize, bitmap.Height);
    }
}

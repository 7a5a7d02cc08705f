using System.Text.RegularExpressions;
using SynVid.Serialization;
using SynVid.Synthesis;
using SynVid.Video;

namespace SynVid.Tests.Cli;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "synvid-gen-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static RgbImage ReadPng(string path) => PngFile.Read(path);

    [Fact]
    public void PngDatasetHasFramesAnnotationsAndManifestAndResumes()
    {
        string[] args = ["generate", "--stage", "accelerating-shapes", "--count", "3", "--out", _dir, "--format", "png", "--res", "32", "--frames", "4", "--seed", "7"];
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, r.StdErr);
        var csv = File.ReadAllLines(Path.Combine(_dir, "annotations.csv"));
        Assert.Equal(3, csv.Length);
        Assert.All(csv, line => Assert.Matches(@"^/\S+/videos/00000[0-2] 0$", line));
        Assert.Contains("\"seed\": 7", File.ReadAllText(Path.Combine(_dir, "manifest.json")), StringComparison.Ordinal);
        Assert.Contains("\"name\": \"accelerating-shapes\"", File.ReadAllText(Path.Combine(_dir, "manifest.json")), StringComparison.Ordinal);

        // The files hold exactly the library's frames for (stage, seed, index).
        var stage = Stages.AcceleratingShapes with { Resolution = 32, MinFrames = 4, MaxFrames = 4 };
        var expected = new SyntheticVideoSet(stage, null, 7, 3).Frames(1, new FrameRenderer(32)).ToList();
        var video1 = Path.Combine(_dir, "videos", "000001");
        var files = Directory.GetFiles(video1).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["00000.png", "00001.png", "00002.png", "00003.png"], files.Select(Path.GetFileName));
        Assert.All(files.Zip(expected), p => Assert.True(ReadPng(p.First).PixelsEqual(p.Second)));

        // Resume: only the missing video is rendered again, with the same bytes.
        var before = File.ReadAllBytes(Path.Combine(video1, "00002.png"));
        Directory.Delete(video1, recursive: true);
        Directory.CreateDirectory(video1 + AtomicFile.Marker + "999999999-deadbeef"); // what a killed run leaves behind
        r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("wrote 1 video(s), 2 already present", r.StdOut, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(video1, "00002.png")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_dir, "videos"), "*" + AtomicFile.Marker + "*"));

        // Another dataset in the same folder is refused.
        r = CliRunner.Run([.. args[..^1], "8"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("different dataset", r.StdErr, StringComparison.Ordinal);
    }

    private static double Psnr(RgbImage a, RgbImage b)
    {
        double se = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            double d = a.Pixels[i] - b.Pixels[i];
            se += d * d;
        }
        return 10 * Math.Log10(255.0 * 255.0 / Math.Max(se / a.Pixels.Length, 1e-12));
    }

    [Fact]
    public void Mp4RoundTripIsExactWhenLosslessAndCloseWithH264()
    {
        var stage = Stages.TransformingShapes with { Resolution = 32, MinFrames = 6, MaxFrames = 6 };
        var expected = new SyntheticVideoSet(stage, null, 3, 2).Frames(1, new FrameRenderer(32)).ToList();
        var lossless = Path.Combine(_dir, "lossless");
        var r = CliRunner.Run("generate", "--stage", "transforming-shapes", "--count", "2", "--out", lossless, "--res", "32", "--frames", "6", "--seed", "3", "--quality", "Lossless");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var frames = VideoReader.ReadAll(Path.Combine(lossless, "videos", "000001.mp4"));
        Assert.Equal(6, frames.Count);
        Assert.All(frames.Zip(expected), p => Assert.True(p.First.PixelsEqual(p.Second)));

        // H.264 (yuv420p, CRF 18): chroma at half resolution blurs the hard colour edges, so RGB PSNR is modest;
        // at 128² it measured 24.4–25.0 dB per frame; the test requires 22 dB.
        var big = stage with { Resolution = 128 };
        var bigExpected = new SyntheticVideoSet(big, null, 3, 2).Frames(1, new FrameRenderer(128)).ToList();
        var h264 = Path.Combine(_dir, "h264");
        r = CliRunner.Run("generate", "--stage", "transforming-shapes", "--count", "2", "--out", h264, "--res", "128", "--frames", "6", "--seed", "3");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var info = VideoReader.Probe(Path.Combine(h264, "videos", "000001.mp4"));
        Assert.Equal((128, 128, 6, 25.0), (info.Width, info.Height, info.FrameCount, info.Fps));
        var decoded = VideoReader.ReadAll(Path.Combine(h264, "videos", "000001.mp4"));
        Assert.All(decoded.Zip(bigExpected), p => Assert.True(Psnr(p.First, p.Second) >= 22, $"PSNR {Psnr(p.First, p.Second):F1} dB"));
    }

    [Fact]
    public void ImageCropStageReadsAnImageFolderAndReportsUnreadableFiles()
    {
        var images = Path.Combine(_dir, "images");
        Directory.CreateDirectory(images);
        for (var i = 0; i < 3; i++)
        {
            var image = new RgbImage(20 + i, 24);
            Array.Fill(image.Pixels, (byte)(60 + 60 * i));
            PngFile.Write(Path.Combine(images, $"img{i}.png"), image);
        }
        File.WriteAllText(Path.Combine(images, "broken.jpg"), "not an image");
        var output = Path.Combine(_dir, "out");
        var r = CliRunner.Run("generate", "--stage", "accelerating-image-crops", "--count", "2", "--out", output, "--res", "32", "--frames", "3", "--format", "png", "--images", images);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("broken.jpg", r.StdOut, StringComparison.Ordinal);
        var frame = ReadPng(Path.Combine(output, "videos", "000000", "00002.png"));
        // Every object shows one of the three grey levels (bilinear edges blend with black), so 60/120/180 dominate.
        var greys = frame.Pixels.Where((v, k) => k % 3 == 0).Count(v => v is 60 or 120 or 180);
        Assert.True(greys > frame.Width * frame.Height / 2, $"{greys} grey pixels");
        Assert.Contains("folder:", File.ReadAllText(Path.Combine(output, "manifest.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void ShardsSplitTheDatasetWithoutOverlap()
    {
        foreach (var shard in new[] { "0/2", "1/2" })
        {
            var r = CliRunner.Run("generate", "--stage", "moving-circles", "--count", "5", "--out", _dir, "--format", "png", "--res", "16", "--frames", "2", "--shard", shard);
            Assert.True(r.ExitCode == 0, r.StdErr);
        }
        var a = File.ReadAllLines(Path.Combine(_dir, "annotations.shard-0-of-2.csv")).Select(l => Path.GetFileName(l.Split(' ')[0])).ToList();
        var b = File.ReadAllLines(Path.Combine(_dir, "annotations.shard-1-of-2.csv")).Select(l => Path.GetFileName(l.Split(' ')[0])).ToList();
        Assert.Equal(["000000", "000002", "000004"], a);
        Assert.Equal(["000001", "000003"], b);
        Assert.Equal(5, Directory.GetDirectories(Path.Combine(_dir, "videos")).Length);
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["--stage", "flying-saucers", "--count", "2"], "unknown stage" },
        { ["--stage", "moving-circles", "--count", "0"], "--count" },
        { ["--stage", "moving-circles", "--count", "2", "--shard", "2/2"], "--shard" },
        { ["--stage", "moving-circles", "--count", "2", "--res", "3"], "resolution" },
        { ["--stage", "moving-circles", "--count", "2", "--frames", "0"], "--frames must be at least 1, got 0" },
        { ["--stage", "moving-circles", "--count", "2", "--set", "wobble=3"], "wobble" },
        { ["--stage", "moving-circles", "--count", "2", "--set", "speedFactor=-1"], "speedFactor" },
        { ["--stage", "moving-circles", "--count", "2", "--format", "gif"], "gif" },
        { ["--stage", "accelerating-image-crops", "--count", "2"], "--images" },
        { ["--stage", "accelerating-image-crops", "--count", "2", "--images", "/nonexistent-synvid"], "nonexistent-synvid" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputExitsTwoWithOneLineAndWritesNothing(string[] flags, string mentioned)
    {
        string[] format = flags.Contains("--format") ? [] : ["--format", "png"];
        var r = CliRunner.Run(["generate", "--out", _dir, .. format, .. flags]);
        Assert.Equal(2, r.ExitCode);
        var lines = r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(mentioned, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public void UnwritableOutputIsAUsageError()
    {
        File.WriteAllText(_dir, "a file where the output folder should go");
        try
        {
            var r = CliRunner.Run("generate", "--stage", "moving-circles", "--count", "1", "--out", Path.Combine(_dir, "sub"), "--format", "png", "--res", "16", "--frames", "2");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("is a file, not a folder", r.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(_dir);
        }
    }

    [Fact]
    public void Mp4WithoutFfmpegSaysHowToInstallIt()
    {
        var env = new Dictionary<string, string> { ["PATH"] = "/nonexistent-synvid", ["SYNVID_FFMPEG"] = "/nonexistent-synvid/ffmpeg" };
        var r = CliRunner.Run(["generate", "--stage", "moving-circles", "--count", "1", "--out", _dir, "--res", "16"], workingDirectory: null, environment: env);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("apt-get install ffmpeg", r.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public void BenchGeneratePrintsTheMedianOnItsLastLine()
    {
        foreach (var threads in new[] { "1", "0" })
        {
            var r = CliRunner.Run("bench", "generate", "--stage", "accelerating-textures", "--res", "32", "--frames", "4", "--clips", "3", "--threads", threads);
            Assert.True(r.ExitCode == 0, r.StdErr);
            var last = r.StdOut.TrimEnd().Split('\n')[^1];
            Assert.Matches(new Regex(@"^median ms per clip: \d+\.\d\d$"), last);
        }
    }

    [Fact]
    public void PreviewWritesAContactSheet()
    {
        Directory.CreateDirectory(_dir);
        var png = Path.Combine(_dir, "sheet.png");
        var r = CliRunner.Run("preview", "--stage", "moving-shapes", "--res", "32", "--videos", "2", "--columns", "3", "--out", png);
        Assert.True(r.ExitCode == 0, r.StdErr);
        var sheet = ReadPng(png);
        Assert.Equal((4 + 3 * 36, 4 + 2 * 36), (sheet.Width, sheet.Height));
        // an existing output file is replaced only with --force
        Assert.Equal(2, CliRunner.Run("preview", "--progression", "--res", "16", "--columns", "2", "--out", png).ExitCode);
        r = CliRunner.Run("preview", "--progression", "--res", "16", "--columns", "2", "--out", png, "--force");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal(4 + 8 * 20, ReadPng(png).Height);
        Assert.Equal(2, CliRunner.Run("preview", "--stage", "moving-shapes", "--progression").ExitCode);
    }
}

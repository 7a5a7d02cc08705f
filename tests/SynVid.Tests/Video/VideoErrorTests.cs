using SynVid.Video;

namespace SynVid.Tests.Video;

public sealed class VideoErrorTests
{
    [Fact]
    public void DisposingWithoutCompleteLeavesNoFile()
    {
        using var dir = new TempFolder();
        var path = dir.File("abandoned.mp4");
        using (var writer = VideoWriter.Create(path, 32, 32, 25))
        {
            writer.Write(TestFrames.Smooth(32, 32, 0));
            writer.Write(TestFrames.Smooth(32, 32, 1));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void CompleteReplacesAnExistingFileAtomically()
    {
        using var dir = new TempFolder();
        var path = dir.File("replaced.mkv");
        File.WriteAllText(path, "stale");
        var frame = TestFrames.Noise(16, 16, 3);
        using (var writer = VideoWriter.Create(path, 16, 16, 25, VideoQuality.Lossless))
        {
            writer.Write(frame);
            Assert.Equal("stale", File.ReadAllText(path)); // untouched until Complete
            writer.Complete();
        }

        Assert.True(frame.PixelsEqual(VideoReader.ReadAll(path).Single()));
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void EncoderFailureIsReportedWithItsStderrAndLeavesNoFile()
    {
        using var dir = new TempFolder();
        var path = dir.File("failed.mp4");
        using (FakeFfmpeg.Script("cat > /dev/null; echo 'simulated encoder failure' >&2; exit 1"))
        {
            using var writer = VideoWriter.Create(path, 16, 16, 25);
            writer.Write(TestFrames.Smooth(16, 16, 0));
            var e = Assert.Throws<IOException>(writer.Complete);
            Assert.Contains("simulated encoder failure", e.Message);
            Assert.Contains(path, e.Message);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void EncoderExitingMidStreamFailsTheWrite()
    {
        using var dir = new TempFolder();
        var path = dir.File("broken-pipe.mp4");
        using (FakeFfmpeg.Script("head -c 100 > /dev/null; echo 'simulated crash' >&2; exit 3"))
        {
            using var writer = VideoWriter.Create(path, 64, 64, 25);
            var frame = TestFrames.Smooth(64, 64, 0);
            var e = Assert.Throws<IOException>(() =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    writer.Write(frame);
                }
            });
            Assert.Contains("simulated crash", e.Message);
        }

        Assert.False(File.Exists(path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void MissingFfmpegSaysHowToInstallIt()
    {
        using var dir = new TempFolder();
        var video = dir.File("x.mp4");
        File.WriteAllText(video, "placeholder");
        using (FakeFfmpeg.Missing())
        {
            var write = Assert.Throws<UserInputException>(() => VideoWriter.Create(dir.File("y.mp4"), 16, 16, 25));
            var read = Assert.Throws<UserInputException>(() => VideoReader.Probe(video, VideoDecoderKind.FfmpegProcess));
            Assert.Equal(Ffmpeg.InstallHint, write.Message);
            Assert.Equal(Ffmpeg.InstallHint, read.Message);
        }

        Assert.Equal([video], Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void TheInProcessDecoderReadsWithoutAnFfmpegProgram()
    {
        if (InProcessDecoding.Unavailable())
        {
            return;
        }
        using var dir = new TempFolder();
        var path = dir.File("v.mkv");
        var frames = Enumerable.Range(0, 3).Select(t => TestFrames.Noise(16, 16, t)).ToList();
        TestFrames.WriteVideo(path, frames, 25, new VideoWriterSettings(VideoQuality.Lossless, Preset: "ultrafast"));

        using (FakeFfmpeg.Missing())
        {
            Assert.Equal(3, VideoReader.Probe(path, VideoDecoderKind.InProcess).FrameCount);
            Assert.True(frames[2].PixelsEqual(VideoReader.ReadAll(path, VideoDecoderKind.InProcess)[2]));
        }
    }

    [Fact]
    public void BadWriterArgumentsAreClearErrorsThatCreateNothing()
    {
        using var dir = new TempFolder();

        var missingFolder = dir.File("no/such/folder/v.mp4");
        Assert.Contains(Path.GetDirectoryName(missingFolder)!, Assert.Throws<UserInputException>(() => VideoWriter.Create(missingFolder, 16, 16, 25)).Message);
        Assert.Contains("'.gif'", Assert.Throws<UserInputException>(() => VideoWriter.Create(dir.File("v.gif"), 16, 16, 25)).Message);
        Assert.Contains("even", Assert.Throws<UserInputException>(() => VideoWriter.Create(dir.File("v.mp4"), 15, 16, 25)).Message);
        Assert.Contains("crf", Assert.Throws<UserInputException>(() => VideoWriter.Create(dir.File("v.mp4"), 16, 16, 25, crf: 60)).Message);
        Assert.Contains("fps", Assert.Throws<UserInputException>(() => VideoWriter.Create(dir.File("v.mp4"), 16, 16, 0)).Message);

        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void WrongFrameSizeAndEmptyVideoAreRejected()
    {
        using var dir = new TempFolder();
        using var writer = VideoWriter.Create(dir.File("v.mp4"), 16, 16, 25);

        Assert.Throws<ArgumentException>(() => writer.Write(new RgbImage(16, 18)));
        Assert.Throws<InvalidOperationException>(writer.Complete);
    }

    [Theory]
    [InlineData(VideoDecoderKind.InProcess)]
    [InlineData(VideoDecoderKind.FfmpegProcess)]
    public void UnreadableVideosAreUserErrorsNamingTheFile(VideoDecoderKind decoder)
    {
        if (InProcessDecoding.Unavailable(decoder))
        {
            return;
        }
        using var dir = new TempFolder();
        var missing = dir.File("missing.mp4");
        var garbage = dir.File("garbage.mp4");
        var noise = dir.File("noise.mp4");
        File.WriteAllText(garbage, "this is not a video");
        File.WriteAllBytes(noise, Enumerable.Range(0, 20000).Select(i => (byte)new Random(i).Next(256)).ToArray());

        Assert.Contains(missing, Assert.Throws<UserInputException>(() => VideoReader.ReadAll(missing, decoder)).Message);
        Assert.Contains(missing, Assert.Throws<UserInputException>(() => VideoReader.Probe(missing, decoder)).Message);
        Assert.Contains(garbage, Assert.Throws<UserInputException>(() => VideoReader.Probe(garbage, decoder)).Message);
        Assert.Contains(noise, Assert.Throws<UserInputException>(() => VideoReader.Probe(noise, decoder)).Message);
        Assert.Contains(dir.Path, Assert.Throws<UserInputException>(() => VideoReader.Probe(dir.Path, decoder)).Message);
    }
}

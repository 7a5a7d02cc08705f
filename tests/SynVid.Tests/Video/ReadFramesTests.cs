using System.Diagnostics;
using SynVid.Video;

namespace SynVid.Tests.Video;

public sealed class ReadFramesTests
{
    [Fact]
    public void ScatteredUnsortedAndRepeatedIndicesMatchReadAll()
    {
        using var dir = new TempFolder();
        var path = dir.File("clip.mp4");
        TestFrames.WriteVideo(path, Enumerable.Range(0, 40).Select(t => TestFrames.Smooth(64, 48, t)).ToList(), 25, new VideoWriterSettings(Preset: "ultrafast"));
        var all = VideoReader.ReadAll(path);
        int[] indices = [31, 2, 2, 17, 0, 39, 17, 5];

        var frames = VideoReader.ReadFrames(path, indices);

        Assert.Equal(indices.Length, frames.Count);
        for (var k = 0; k < indices.Length; k++)
        {
            Assert.True(all[indices[k]].PixelsEqual(frames[k]), $"position {k} (frame {indices[k]}) differs");
        }
        Assert.NotSame(frames[1], frames[2]);
    }

    [Theory]
    [InlineData(25.0, VideoQuality.H264, "seek.mp4")]
    [InlineData(30000.0 / 1001, VideoQuality.H264, "seek-ntsc.mp4")]
    [InlineData(24.0, VideoQuality.Lossless, "seek.mkv")]
    public void FramesLateInALongVideoAreFoundAfterASeek(double fps, VideoQuality quality, string name)
    {
        using var dir = new TempFolder();
        var path = dir.File(name);
        var frames = Enumerable.Range(0, 90).Select(t => TestFrames.Noise(32, 24, t)).ToList();
        TestFrames.WriteVideo(path, frames, fps, new VideoWriterSettings(quality, Preset: "ultrafast", KeyframeInterval: 8));
        var all = VideoReader.ReadAll(path);
        // The first wanted frame lies past VideoReader.SeekAfterSeconds, so ReadFrames seeks.
        int[] indices = [89, 61, 75, 61, 88, 64];
        Assert.True(indices.Min() / fps >= VideoReader.SeekAfterSeconds);

        var read = VideoReader.ReadFrames(path, indices);

        for (var k = 0; k < indices.Length; k++)
        {
            Assert.True(all[indices[k]].PixelsEqual(read[k]), $"position {k} (frame {indices[k]}) differs");
        }
        if (quality == VideoQuality.Lossless)
        {
            Assert.True(frames[61].PixelsEqual(read[1]));
        }
    }

    [Fact]
    public void EveryFrameOfAVideoCanBeReadAlone()
    {
        using var dir = new TempFolder();
        var path = dir.File("each.mkv");
        var frames = Enumerable.Range(0, 60).Select(t => TestFrames.Noise(16, 16, t)).ToList();
        TestFrames.WriteVideo(path, frames, 20, new VideoWriterSettings(VideoQuality.Lossless, Preset: "ultrafast", KeyframeInterval: 7));

        var info = VideoReader.Probe(path);

        foreach (var index in new[] { 0, 41, 59 })
        {
            Assert.True(frames[index].PixelsEqual(VideoReader.ReadFrames(path, info, [index])[0]), $"frame {index} differs");
        }
    }

    [Fact]
    public void OutOfRangeIndexIsAClearErrorAndEmptyIndicesReadNothing()
    {
        using var dir = new TempFolder();
        var path = dir.File("short.mp4");
        TestFrames.WriteVideo(path, Enumerable.Range(0, 5).Select(t => TestFrames.Smooth(16, 16, t)).ToList(), 25, new VideoWriterSettings(Preset: "ultrafast"));

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => VideoReader.ReadFrames(path, [0, 5]));
        Assert.Contains("5 frames", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => VideoReader.ReadFrames(path, [-1]));
        Assert.Empty(VideoReader.ReadFrames(path, []));
    }

    [Fact]
    public void StreamDecodesLazilyAndCanStopEarly()
    {
        using var dir = new TempFolder();
        var path = dir.File("stream.mkv");
        var frames = Enumerable.Range(0, 30).Select(t => TestFrames.Noise(16, 16, t)).ToList();
        TestFrames.WriteVideo(path, frames, 25, new VideoWriterSettings(VideoQuality.Lossless, Preset: "ultrafast"));

        var firstThree = VideoReader.Stream(path).Take(3).ToList();
        var everything = VideoReader.Stream(path).ToList();

        Assert.Equal(3, firstThree.Count);
        Assert.True(frames[2].PixelsEqual(firstThree[2]));
        Assert.Equal(30, everything.Count);
        Assert.True(frames[29].PixelsEqual(everything[29]));
    }

    [Fact]
    public void Mpeg4AviLikeUcf101IsReadConsistently()
    {
        using var dir = new TempFolder();
        var path = dir.File("ucf-like.avi");
        // MPEG-4 Part 2 in AVI at 25 fps, the format of UCF101's clips, made by ffmpeg itself rather than VideoWriter.
        var info = new ProcessStartInfo(Ffmpeg.Require())
        {
            ArgumentList =
            {
                "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "90",
                "-c:v", "mpeg4", "-q:v", "5", "-g", "12", "-y", path,
            },
            RedirectStandardError = true,
        };
        using (var ffmpeg = Process.Start(info)!)
        {
            ffmpeg.StandardError.ReadToEnd();
            ffmpeg.WaitForExit();
            Assert.Equal(0, ffmpeg.ExitCode);
        }
        var probe = VideoReader.Probe(path);
        var all = VideoReader.ReadAll(path);
        int[] indices = [80, 52, 89, 52, 60]; // first frame past 2 s: read after a seek

        var read = VideoReader.ReadFrames(path, indices);

        Assert.Equal((64, 48, 90, 25.0), (probe.Width, probe.Height, probe.FrameCount, probe.Fps));
        Assert.Equal(90, all.Count);
        for (var k = 0; k < indices.Length; k++)
        {
            Assert.True(all[indices[k]].PixelsEqual(read[k]), $"position {k} (frame {indices[k]}) differs");
        }
    }
}

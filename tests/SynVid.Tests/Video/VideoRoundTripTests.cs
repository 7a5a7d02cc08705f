using SynVid.Video;
using Xunit.Abstractions;

namespace SynVid.Tests.Video;

public sealed class VideoRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void LosslessRoundTripIsExact()
    {
        using var dir = new TempFolder();
        var frames = Enumerable.Range(0, 12).Select(t => TestFrames.Noise(64, 48, t)).ToList();
        var path = dir.File("noise.mkv");
        TestFrames.WriteVideo(path, frames, 25, new VideoWriterSettings(VideoQuality.Lossless, Preset: "ultrafast"));

        var read = VideoReader.ReadAll(path);

        Assert.Equal(frames.Count, read.Count);
        for (var t = 0; t < frames.Count; t++)
        {
            Assert.True(frames[t].PixelsEqual(read[t]), $"frame {t} differs");
        }
    }

    [Fact]
    public void LosslessRoundTripIsExactInMp4WithOddSize()
    {
        using var dir = new TempFolder();
        var frames = Enumerable.Range(0, 5).Select(t => TestFrames.Noise(33, 17, t)).ToList();
        var path = dir.File("odd.mp4");
        TestFrames.WriteVideo(path, frames, 25, new VideoWriterSettings(VideoQuality.Lossless));

        var read = VideoReader.ReadAll(path);

        Assert.Equal(frames.Count, read.Count);
        Assert.All(Enumerable.Range(0, frames.Count), t => Assert.True(frames[t].PixelsEqual(read[t]), $"frame {t} differs"));
    }

    [Fact]
    public void H264RoundTripAtCrf18KeepsPsnrAbove35Db()
    {
        using var dir = new TempFolder();
        var frames = Enumerable.Range(0, 20).Select(t => TestFrames.Smooth(128, 96, t)).ToList();
        var path = dir.File("smooth.mp4");
        TestFrames.WriteVideo(path, frames, 25, new VideoWriterSettings(VideoQuality.H264, Crf: 18));

        var read = VideoReader.ReadAll(path);

        Assert.Equal(frames.Count, read.Count);
        var psnr = Enumerable.Range(0, frames.Count).Select(t => TestFrames.Psnr(frames[t], read[t])).ToList();
        output.WriteLine($"H.264 CRF 18 PSNR: min {psnr.Min():F1} dB, mean {psnr.Average():F1} dB");
        Assert.True(psnr.Min() >= 35, $"min PSNR {psnr.Min():F1} dB");
    }

    [Fact]
    public void ProbeReportsSizeFrameCountAndFps()
    {
        using var dir = new TempFolder();
        var path = dir.File("probe.mp4");
        TestFrames.WriteVideo(path, Enumerable.Range(0, 17).Select(t => TestFrames.Smooth(96, 64, t)).ToList(), 30000.0 / 1001, new VideoWriterSettings(Preset: "ultrafast"));

        var info = VideoReader.Probe(path);

        Assert.Equal(96, info.Width);
        Assert.Equal(64, info.Height);
        Assert.Equal(17, info.FrameCount);
        Assert.Equal(30000.0 / 1001, info.Fps, 6);
        Assert.Equal("h264", info.Codec);
    }
}

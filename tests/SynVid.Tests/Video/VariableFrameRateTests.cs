using SynVid.Video;

namespace SynVid.Tests.Video;

/// <summary>
/// Files whose stream holds fewer pictures than their frame count (variable-frame-rate captures: each picture stays
/// on screen for several frame periods) read as a player shows them: frame i is the picture on screen at i/fps.
/// </summary>
public sealed class VariableFrameRateTests
{
    // The file: 7 pictures at these slots of 15 fps, 46 frames in the AVI header.
    private static readonly int[] Slots = [0, 9, 15, 22, 32, 39, 45];

    [Theory]
    [InlineData(VideoDecoderKind.InProcess, "vfr-mpeg4.avi")]
    [InlineData(VideoDecoderKind.FfmpegProcess, "vfr-mpeg4.avi")]
    [InlineData(VideoDecoderKind.InProcess, "vfr-h264.mkv")]
    [InlineData(VideoDecoderKind.FfmpegProcess, "vfr-h264.mkv")]
    public void EachPictureHoldsUntilTheNextOnesTimestamp(VideoDecoderKind decoder, string name)
    {
        if (InProcessDecoding.Unavailable(decoder))
        {
            return;
        }
        using var dir = new TempFolder();
        var path = DecoderParityTests.Make(dir.File(name));
        var info = VideoReader.Probe(path, decoder);

        var frames = VideoReader.ReadAll(path, decoder);

        if (name.EndsWith(".avi", StringComparison.Ordinal))
        {
            Assert.Equal(46, info.FrameCount);
        }
        Assert.Equal(info.FrameCount, frames.Count);
        var rate = info.FrameRate.Value;
        for (var i = 0; i < frames.Count; i++)
        {
            // The picture on screen at i/fps: the last one stamped at or before it (slots scaled to the file's average rate).
            var k = Slots.Count(s => Math.Round(s * rate / 15, MidpointRounding.AwayFromZero) <= i) - 1;
            var shown = (int)Math.Round(Slots[k] * rate / 15, MidpointRounding.AwayFromZero);
            Assert.True(frames[shown].PixelsEqual(frames[i]), $"{name}: frame {i} is not picture {k} (frame {shown})");
        }
        for (var k = 1; k < Slots.Length; k++)
        {
            var (a, b) = ((int)Math.Round(Slots[k - 1] * rate / 15, MidpointRounding.AwayFromZero), (int)Math.Round(Slots[k] * rate / 15, MidpointRounding.AwayFromZero));
            if (b < frames.Count)
            {
                Assert.False(frames[a].PixelsEqual(frames[b]), $"{name}: pictures {k - 1} and {k} should differ");
            }
        }
    }

    [Theory]
    [InlineData(VideoDecoderKind.InProcess)]
    [InlineData(VideoDecoderKind.FfmpegProcess)]
    public void AClipBetweenPicturesReadsInsteadOfFailing(VideoDecoderKind decoder)
    {
        if (InProcessDecoding.Unavailable(decoder))
        {
            return;
        }
        using var dir = new TempFolder();
        var path = DecoderParityTests.Make(dir.File("vfr-mpeg4.avi"));
        var info = VideoReader.Probe(path, decoder);
        var all = VideoReader.ReadAll(path, decoder);
        // A training clip (8 frames, stride 4) from frame 11: ffmpeg holds only 7 pictures, so reading frame 11 used to fail.
        int[] clip = [11, 15, 19, 23, 27, 31, 35, 39];

        var frames = VideoReader.ReadFrames(path, info, clip, decoder: decoder);

        for (var k = 0; k < clip.Length; k++)
        {
            Assert.True(all[clip[k]].PixelsEqual(frames[k]), $"frame {clip[k]}");
        }
        Assert.True(frames[0].PixelsEqual(all[9])); // on screen since slot 9
        Assert.True(frames[7].PixelsEqual(all[39]));
    }

    [Theory]
    [InlineData(VideoDecoderKind.InProcess)]
    [InlineData(VideoDecoderKind.FfmpegProcess)]
    public void ATruncatedFileReadsUpToItsEndAndFailsPastIt(VideoDecoderKind decoder)
    {
        if (InProcessDecoding.Unavailable(decoder))
        {
            return;
        }
        using var dir = new TempFolder();
        var whole = DecoderParityTests.Make(dir.File("mpeg4-ucf.avi"));
        var path = dir.File("truncated.avi");
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        var info = VideoReader.Probe(path, decoder);
        Assert.Equal(90, info.FrameCount);
        Assert.True(info.CoveredFrames < 45, $"covers {info.CoveredFrames} frames");

        var start = VideoReader.ReadFrames(path, info, [0, 5], decoder: decoder);
        var past = Assert.Throws<UserInputException>(() => VideoReader.ReadFrames(path, info, [10, 80], decoder: decoder));
        var all = Assert.Throws<UserInputException>(() => VideoReader.ReadAll(path, decoder));

        Assert.Equal(2, start.Count);
        Assert.Equal($"video {path}: frame 80 could not be decoded (the file reports 90 frames)", past.Message);
        Assert.Contains("could not be decoded", all.Message);
    }
}

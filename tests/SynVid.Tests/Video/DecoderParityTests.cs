using SynVid.Video;

namespace SynVid.Tests.Video;

/// <summary>
/// The in-process decoder against the ffmpeg-process one on the formats SynVid meets: H.264 and MPEG-4 Part 2 in mp4,
/// avi and mkv, with and without B-frames, constant and variable frame rate, odd sizes. Same probe, same frames
/// (bit-exact: both convert with the same swscale set-up), also for scattered reads that seek and for scaled reads.
/// </summary>
public sealed class DecoderParityTests
{
    private static readonly int[] Gaps = [0, 9, 15, 22, 32, 39, 45];

    public static TheoryData<string> Files => new(
        "h264-bframes.mp4", "h264-odd-444.mp4", "h264.avi", "h264-ntsc.mkv", "mpeg4-ucf.avi", "mpeg4-bframes.avi", "mpeg4-odd.avi",
        "mpeg4.mp4", "vfr-mpeg4.avi", "vfr-h264.mp4", "vfr-h264.mkv");

    [Fact]
    public void InProcessDecodingIsChosenWhereFfmpeg51sLibrariesAreInstalled()
    {
        if (InProcessDecoding.Expected)
        {
            // Debian 12 with the project's set-up (CI): the in-process path must load and be the default.
            Assert.True(VideoDecoding.InProcessAvailable, VideoDecoding.InProcessUnavailableReason);
            Assert.Equal(VideoDecoderKind.InProcess, VideoDecoding.Default);
            Assert.StartsWith("in-process (libavformat 59.", VideoDecoding.Describe());
        }
        else
        {
            Assert.Equal(VideoDecoderKind.FfmpegProcess, VideoDecoding.Default);
            Assert.Contains("in-process video decoding is unavailable", VideoDecoding.Describe());
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void BothDecodersProbeAndReadTheSameFrames(string name)
    {
        if (InProcessDecoding.Unavailable())
        {
            return;
        }
        using var dir = new TempFolder();
        var path = Make(dir.File(name));

        var info = VideoReader.Probe(path, VideoDecoderKind.InProcess);
        Assert.Equal(VideoReader.Probe(path, VideoDecoderKind.FfmpegProcess), info);

        var all = VideoReader.ReadAll(path, VideoDecoderKind.InProcess);
        var reference = VideoReader.ReadAll(path, VideoDecoderKind.FfmpegProcess);
        Assert.Equal(info.FrameCount, all.Count);
        Assert.Equal(reference.Count, all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            Assert.True(reference[i].PixelsEqual(all[i]), $"{name}: frame {i} differs");
        }

        // Late first frames make both seek (the process decoder only past VideoReader.SeekAfterSeconds).
        var n = info.FrameCount;
        foreach (var indices in new[] { new[] { n - 1, n / 2, 1, n / 2, 0 }, [n - 2, Math.Max(0, n - 9), n - 1, Math.Max(0, n - 9)], [n / 3] })
        {
            var inProcess = VideoReader.ReadFrames(path, info, indices, decoder: VideoDecoderKind.InProcess);
            var process = VideoReader.ReadFrames(path, info, indices, decoder: VideoDecoderKind.FfmpegProcess);
            for (var k = 0; k < indices.Length; k++)
            {
                Assert.True(all[indices[k]].PixelsEqual(inProcess[k]), $"{name}: in-process frame {indices[k]} differs from ReadAll");
                Assert.True(all[indices[k]].PixelsEqual(process[k]), $"{name}: ffmpeg-process frame {indices[k]} differs from ReadAll");
            }
        }
    }

    [Theory]
    [InlineData("h264-bframes.mp4", 40, 30)]
    [InlineData("mpeg4-odd.avi", 23, 17)]
    [InlineData("mpeg4-ucf.avi", 96, 72)]
    public void ScaledReadsAgreeWithinOneGreyLevel(string name, int width, int height)
    {
        if (InProcessDecoding.Unavailable())
        {
            return;
        }
        using var dir = new TempFolder();
        var path = Make(dir.File(name));
        var info = VideoReader.Probe(path);
        int[] indices = [info.FrameCount - 1, 3, 4];

        var inProcess = VideoReader.ReadFrames(path, info, indices, new FrameSize(width, height), VideoDecoderKind.InProcess);
        var process = VideoReader.ReadFrames(path, info, indices, new FrameSize(width, height), VideoDecoderKind.FfmpegProcess);

        for (var k = 0; k < indices.Length; k++)
        {
            Assert.Equal((width, height), (inProcess[k].Width, inProcess[k].Height));
            var worst = inProcess[k].Pixels.Zip(process[k].Pixels, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(worst <= 1, $"{name}: frame {indices[k]} differs by {worst} grey levels");
        }
    }

    /// <summary>Writes the named test video: 90 frames (3.6 s at 25 fps), keyframes every 12, unless its name says otherwise.</summary>
    internal static string Make(string path)
    {
        var name = Path.GetFileName(path);
        string[] h264 = ["-c:v", "libx264", "-preset", "veryfast", "-g", "12", "-pix_fmt", "yuv420p"];
        string[] mpeg4 = ["-c:v", "mpeg4", "-q:v", "5", "-g", "12"];
        return name switch
        {
            "h264-bframes.mp4" => FfmpegCommand.Pattern(path, 64, 48, "25", 90, [.. h264, "-bf", "3"]),
            "h264-odd-444.mp4" => FfmpegCommand.Pattern(path, 33, 25, "25", 90, "-c:v", "libx264", "-preset", "veryfast", "-g", "12", "-pix_fmt", "yuv444p"),
            "h264.avi" => FfmpegCommand.Pattern(path, 64, 48, "25", 90, [.. h264, "-bf", "0"]),
            "h264-ntsc.mkv" => FfmpegCommand.Pattern(path, 48, 32, "30000/1001", 100, h264),
            "mpeg4-ucf.avi" => FfmpegCommand.Pattern(path, 64, 48, "25", 90, mpeg4),
            "mpeg4-bframes.avi" => FfmpegCommand.Pattern(path, 64, 48, "25", 90, [.. mpeg4, "-bf", "2"]),
            "mpeg4-odd.avi" => FfmpegCommand.Pattern(path, 35, 27, "24", 80, mpeg4),
            "mpeg4.mp4" => FfmpegCommand.Pattern(path, 64, 48, "25", 90, mpeg4),
            "vfr-mpeg4.avi" => FfmpegCommand.WithGaps(path, 64, 48, 15, Gaps, mpeg4),
            "vfr-h264.mp4" => FfmpegCommand.WithGaps(path, 64, 48, 15, Gaps, h264),
            "vfr-h264.mkv" => FfmpegCommand.WithGaps(path, 64, 48, 15, Gaps, h264),
            _ => throw new ArgumentException($"no test video called {name}", nameof(path)),
        };
    }
}

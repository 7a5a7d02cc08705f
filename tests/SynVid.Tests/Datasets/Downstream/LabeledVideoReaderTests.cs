using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Tests.Video;
using SynVid.Video;

namespace SynVid.Tests.Datasets.Downstream;

public class LabeledVideoReaderTests
{
    [Fact]
    public void TheFrameCacheGivesTheSameFramesAsDecodingEachClip()
    {
        using var folder = new TempFolder();
        var path = folder.File("clip.mp4");
        TestFrames.WriteVideo(path, Enumerable.Range(0, 12).Select(t => TestFrames.Smooth(40, 30, t)).ToArray(), 25, new VideoWriterSettings(VideoQuality.Lossless));
        var video = new LabeledVideo(path, 0);
        int[] wanted = [7, 0, 3, 3, 11];

        var plain = new LabeledVideoReader().Read(video, wanted);
        var cached = new LabeledVideoReader(frameCacheBytes: 1 << 20);
        var first = cached.Read(video, wanted);
        File.Delete(path); // a second read must come from memory
        var second = cached.Read(video, [11, 3]);

        Assert.All(plain.Zip(first), p => Assert.True(p.First.PixelsEqual(p.Second)));
        Assert.True(second[0].PixelsEqual(plain[4]));
        Assert.True(second[1].PixelsEqual(plain[2]));
    }

    [Fact]
    public void AVideoOverTheBudgetIsDecodedPerClip()
    {
        using var folder = new TempFolder();
        var path = folder.File("clip.mp4");
        TestFrames.WriteVideo(path, Enumerable.Range(0, 6).Select(t => TestFrames.Smooth(40, 30, t)).ToArray(), 25, new VideoWriterSettings(VideoQuality.Lossless));
        var reader = new LabeledVideoReader(frameCacheBytes: 40 * 30 * 3 * 5); // one frame short of the whole video
        var video = new LabeledVideo(path, 0);
        reader.Read(video, [1]);
        File.Delete(path);
        Assert.ThrowsAny<Exception>(() => reader.Read(video, [1]));
    }
}

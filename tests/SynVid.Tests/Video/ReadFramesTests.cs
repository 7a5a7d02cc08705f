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
}

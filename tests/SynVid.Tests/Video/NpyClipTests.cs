using System.Text;
using SynVid.Video;

namespace SynVid.Tests.Video;

public class NpyClipTests
{
    private static RgbImage[] Clip(int t, int w, int h)
    {
        var frames = new RgbImage[t];
        for (var i = 0; i < t; i++)
        {
            var px = new byte[w * h * 3];
            for (var j = 0; j < px.Length; j++)
            {
                px[j] = (byte)(j * 7 + i * 31);
            }
            frames[i] = new RgbImage(w, h, px);
        }
        return frames;
    }

    [Fact]
    public void RoundTripKeepsShapeAndPixels()
    {
        var path = Path.Combine(Path.GetTempPath(), $"npyclip-{Guid.NewGuid():N}.npy");
        try
        {
            var frames = Clip(3, 5, 4);
            NpyClip.Write(path, frames);
            var back = NpyClip.Read(path);
            Assert.Equal(3, back.Length);
            Assert.All(back.Zip(frames), pair => Assert.True(pair.First.PixelsEqual(pair.Second)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HeaderIsNumPyVersion1AlignedTo64Bytes()
    {
        var bytes = NpyClip.Encode(Clip(2, 3, 4));
        Assert.Equal(0x93, bytes[0]);
        Assert.Equal("NUMPY", Encoding.ASCII.GetString(bytes, 1, 5));
        var headerLength = bytes[8] | (bytes[9] << 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '|u1'", header, StringComparison.Ordinal);
        Assert.Contains("'shape': (2, 4, 3, 3)", header, StringComparison.Ordinal);
        Assert.EndsWith("\n", header, StringComparison.Ordinal);
        Assert.Equal(10 + headerLength + 2 * 4 * 3 * 3, bytes.Length);
    }

    [Fact]
    public void ReadsTheReferenceFixtureClip()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "SynVid.slnx")))
        {
            root = root.Parent!;
        }
        var frames = NpyClip.Read(Path.Combine(root.FullName, "tests", "fixtures", "perturbations", "input.npy"));
        Assert.Equal(16, frames.Length);
        Assert.All(frames, f => Assert.Equal((224, 224), (f.Width, f.Height)));
    }

    [Fact]
    public void RejectsNonUint8AndWrongShapeWithTheFileName()
    {
        var good = NpyClip.Encode(Clip(1, 2, 2));
        var header = Encoding.ASCII.GetString(good, 10, good[8]);
        var floatHeader = Encoding.ASCII.GetBytes(header.Replace("|u1", "<f4", StringComparison.Ordinal));
        var bad = good[..10].Concat(floatHeader).Concat(good[(10 + good[8])..]).ToArray();
        var e = Assert.Throws<UserInputException>(() => NpyClip.Parse(bad, "clip.npy"));
        Assert.Contains("clip.npy", e.Message, StringComparison.Ordinal);
        Assert.Contains("uint8", e.Message, StringComparison.Ordinal);

        var shape = Encoding.ASCII.GetBytes(header.Replace("(1, 2, 2, 3)", "(1, 2, 6)   ", StringComparison.Ordinal));
        var badShape = good[..10].Concat(shape).Concat(good[(10 + good[8])..]).ToArray();
        Assert.Throws<UserInputException>(() => NpyClip.Parse(badShape, "clip.npy"));
        Assert.Throws<UserInputException>(() => NpyClip.Parse("not numpy"u8, "clip.npy"));
    }
}

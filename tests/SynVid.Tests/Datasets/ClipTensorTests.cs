using SynVid.Datasets;
using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Tests.Datasets;

public class ClipTensorTests
{
    private static RgbImage Solid(int w, int h, byte r, byte g, byte b)
    {
        var img = new RgbImage(w, h);
        for (var i = 0; i < w * h; i++)
        {
            img.Pixels[i * 3] = r;
            img.Pixels[i * 3 + 1] = g;
            img.Pixels[i * 3 + 2] = b;
        }
        return img;
    }

    [Fact]
    public void SolidFramesNormaliseToTheExpectedChannelValues()
    {
        using var scope = NewDisposeScope();
        var frames = Enumerable.Range(0, 4).Select(_ => Solid(64, 48, 255, 128, 0)).ToArray();
        var x = ClipTensor.ToModelInput(frames, new CropBox(8, 0, 40, 40), 32, VideoNormalization.ImageNet);
        Assert.Equal(new long[] { 3, 4, 32, 32 }, x.shape);
        var n = VideoNormalization.ImageNet;
        Assert.Equal((1 - n.Mean[0]) / n.Std[0], x[0].mean().item<float>(), 4);
        Assert.Equal((128 / 255.0 - n.Mean[1]) / n.Std[1], x[1].mean().item<float>(), 4);
        Assert.Equal((0 - n.Mean[2]) / n.Std[2], x[2].mean().item<float>(), 4);
        Assert.Equal(0f, x[0].std().item<float>(), 4);
    }

    [Fact]
    public void CropSelectsTheBoxAndKeepsFrameOrder()
    {
        using var scope = NewDisposeScope();
        // Frame t has value 10·t everywhere except a bright square at (16..24, 8..16).
        var frames = Enumerable.Range(0, 3).Select(t =>
        {
            var img = Solid(32, 32, (byte)(10 * t), (byte)(10 * t), (byte)(10 * t));
            for (var y = 8; y < 16; y++)
            {
                for (var x = 16; x < 24; x++)
                {
                    img.Pixels[img.Offset(x, y)] = 250;
                }
            }
            return img;
        }).ToArray();
        var unit = new VideoNormalization([0, 0, 0], [1, 1, 1]);
        var clip = ClipTensor.ToModelInput(frames, new CropBox(16, 8, 8, 8), 8, unit);
        Assert.Equal(250 / 255f, clip[0].min().item<float>(), 5);
        Assert.Equal(20 / 255f, clip[1, 2].mean().item<float>(), 5);
    }
}

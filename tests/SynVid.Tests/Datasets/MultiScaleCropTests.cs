using SynVid.Datasets;

namespace SynVid.Tests.Datasets;

public class MultiScaleCropTests
{
    [Fact]
    public void SidesSnapToTheOutputSizeAsTheReference()
    {
        var crop = MultiScaleCrop.Reference(224);
        Assert.Equal([256, 224, 192, 168], crop.CropSides(256, 256));
        Assert.Equal([240, 210, 180, 158], crop.CropSides(320, 240));
        Assert.Equal(10, crop.SizePairs(256, 256).Count);
        Assert.All(crop.SizePairs(256, 256), p =>
        {
            var sides = crop.CropSides(256, 256).ToList();
            Assert.True(Math.Abs(sides.IndexOf(p.W) - sides.IndexOf(p.H)) <= 1);
        });
    }

    [Fact]
    public void OffsetsOfA224CropOf256FramesLieOnTheGrid()
    {
        var crop = MultiScaleCrop.Reference(224);
        var rng = new Random(3);
        var seen = new HashSet<(int, int)>();
        for (var i = 0; i < 4000; i++)
        {
            var box = crop.Sample(256, 256, rng);
            Assert.InRange(box.X + box.Width, box.Width, 256);
            Assert.InRange(box.Y + box.Height, box.Height, 256);
            if (box.Width == 224 && box.Height == 224)
            {
                Assert.Contains(box.X, new[] { 0, 8, 16, 24, 32 });
                Assert.Contains(box.Y, new[] { 0, 8, 16, 24, 32 });
                seen.Add((box.X, box.Y));
            }
        }
        Assert.Equal(13, seen.Count);
    }
}

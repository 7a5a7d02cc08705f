using SynVid.Datasets.Augmentation;
using SynVid.Video;

namespace SynVid.Tests.Datasets.Augmentation;

public class RandAugmentTests
{
    private static RgbImage Pattern(int w, int h, int seed)
    {
        var rng = new Random(seed);
        var img = new RgbImage(w, h);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var o = img.Offset(x, y);
                img.Pixels[o] = (byte)(x * 255 / (w - 1));
                img.Pixels[o + 1] = (byte)(y * 255 / (h - 1));
                img.Pixels[o + 2] = (byte)rng.Next(256);
            }
        }
        return img;
    }

    [Fact]
    public void ParsesTheReferenceStringAndMapsMagnitudesAsTimm()
    {
        var c = RandAugmentConfig.Reference;
        Assert.Equal(new RandAugmentConfig(7, 4, 0.5, true, 0.5, 128), c);
        var rng = new Random(0);
        Assert.Equal(21, Math.Abs(RandAugment.Argument(RandAugmentOp.Rotate, 7, rng)), 9);
        Assert.Equal(2, RandAugment.Argument(RandAugmentOp.PosterizeIncreasing, 7, rng));
        Assert.Equal(77, RandAugment.Argument(RandAugmentOp.SolarizeIncreasing, 7, rng));
        Assert.Equal(77, RandAugment.Argument(RandAugmentOp.SolarizeAdd, 7, rng));
        Assert.Equal(0.63, Math.Abs(RandAugment.Argument(RandAugmentOp.ContrastIncreasing, 7, rng) - 1), 9);
        Assert.Equal(0.21, Math.Abs(RandAugment.Argument(RandAugmentOp.ShearX, 7, rng)), 9);
        Assert.Equal(0.315, Math.Abs(RandAugment.Argument(RandAugmentOp.TranslateYRel, 7, rng)), 9);
        // both signs occur
        var signs = Enumerable.Range(0, 200).Select(_ => Math.Sign(RandAugment.Argument(RandAugmentOp.Rotate, 7, rng))).ToHashSet();
        Assert.Equal(new HashSet<int> { -1, 1 }, signs);

        Assert.Throws<UserInputException>(() => RandAugmentConfig.Parse("auto-m7"));
        Assert.Throws<UserInputException>(() => RandAugmentConfig.Parse("rand-m7-x3"));
        Assert.Throws<UserInputException>(() => RandAugmentConfig.Parse("rand-m7-n2"));
    }

    [Fact]
    public void PlansDrawFourOpsFiringHalfTheTimeWithClippedGaussianMagnitudes()
    {
        var ra = new RandAugment(RandAugmentConfig.Reference);
        var rng = new Random(5);
        var counts = new int[15];
        var total = 0;
        for (var i = 0; i < 4000; i++)
        {
            var plan = ra.Plan(rng);
            Assert.InRange(plan.Count, 0, 4);
            total += plan.Count;
            foreach (var op in plan)
            {
                counts[(int)op.Op]++;
                if (op.Op == RandAugmentOp.Rotate)
                {
                    Assert.InRange(Math.Abs(op.Argument), 0, 30);
                }
            }
        }
        Assert.InRange(total / 4000.0, 1.9, 2.1);
        Assert.All(counts, c => Assert.InRange(c, total / 15 * 0.8, total / 15 * 1.2));
    }

    [Fact]
    public void EveryFrameOfAClipGetsTheSameOperations()
    {
        var ra = new RandAugment(RandAugmentConfig.Reference);
        var rng = new Random(11);
        var frames = Enumerable.Range(0, 4).Select(i => Pattern(40, 30, i)).ToArray();
        var same = Enumerable.Repeat(Pattern(40, 30, 9), 4).ToArray();
        for (var trial = 0; trial < 30; trial++)
        {
            var plan = ra.Plan(rng);
            // identical frames stay identical
            var outSame = ra.Apply(same, plan);
            Assert.All(outSame, f => Assert.True(f.PixelsEqual(outSame[0])));
            // each frame is transformed exactly as if it were alone under the same plan
            var outClip = ra.Apply(frames, plan);
            for (var i = 0; i < frames.Length; i++)
            {
                Assert.True(outClip[i].PixelsEqual(ra.Apply([frames[i]], plan)[0]));
            }
        }
    }

    [Fact]
    public void PixelOperationsFollowPil()
    {
        var img = new RgbImage(4, 1, [0, 100, 200, 50, 127, 128, 255, 10, 129, 30, 60, 90]);
        Assert.Equal([255, 155, 55, 205, 128, 127, 0, 245, 126, 225, 195, 165], PixelOps.Invert(img).Pixels);
        Assert.Equal([0, 100, 55, 50, 127, 127, 0, 10, 126, 30, 60, 90], PixelOps.Solarize(img, 128).Pixels);
        Assert.Equal([0, 64, 192, 0, 64, 128, 192, 0, 128, 0, 0, 64], PixelOps.Posterize(img, 2).Pixels);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], PixelOps.Posterize(img, 0).Pixels);
        Assert.Equal([77, 177, 200, 127, 204, 128, 255, 87, 129, 107, 137, 167], PixelOps.SolarizeAdd(img, 77).Pixels);
        // autocontrast per channel: R = 0, 50, 255, 30 spans 0..255 already; G = 100, 127, 10, 60 → (v − 10)·255/117; B = 200, 128, 129, 90
        var ac = PixelOps.AutoContrast(img);
        Assert.Equal([0, 50, 255, 30], new[] { ac.Pixels[0], ac.Pixels[3], ac.Pixels[6], ac.Pixels[9] });
        Assert.Equal(196, ac.Pixels[1]);
        Assert.Equal(0, ac.Pixels[7]);
        Assert.Equal(0, ac.Pixels[11]);
        Assert.Equal(0, PixelOps.Brightness(img, 0).Pixels.Max());
        Assert.True(PixelOps.Brightness(img, 1).PixelsEqual(img));
        Assert.True(PixelOps.Color(img, 1).PixelsEqual(img));
        Assert.True(PixelOps.Contrast(img, 1).PixelsEqual(img));
        Assert.True(PixelOps.Sharpness(img, 1).PixelsEqual(img));
        // a flat image equalises to itself
        var flat = new RgbImage(3, 3, Enumerable.Repeat((byte)90, 27).ToArray());
        Assert.True(PixelOps.Equalize(flat).PixelsEqual(flat));
        // two levels, half each: equalize maps them to 0 and 255 (PIL: step = (n − last count)/255 = 1)
        var two = new RgbImage(255, 2, Enumerable.Range(0, 255 * 2 * 3).Select(i => (byte)(i < 255 * 3 ? 40 : 200)).ToArray());
        var eq = PixelOps.Equalize(two);
        Assert.Equal(0, eq.Pixels[0]);
        Assert.Equal(255, eq.Pixels[^1]);
    }

    [Fact]
    public void GeometricOperationsMatchPilsAffineConvention()
    {
        var img = Pattern(16, 12, 3);
        // integer translation copies pixels exactly and fills the uncovered columns with 128
        var shifted = PixelOps.Affine(img, 1, 0, 3, 0, 1, 0, 128);
        for (var y = 0; y < 12; y++)
        {
            for (var x = 0; x < 16; x++)
            {
                var o = img.Offset(x, y);
                if (x + 3 < 16)
                {
                    Assert.Equal(img.Pixels[img.Offset(x + 3, y)], shifted.Pixels[o]);
                }
                else
                {
                    Assert.Equal(128, shifted.Pixels[o]);
                }
            }
        }
        Assert.True(RandAugment.Rotate(img, 0, 128).PixelsEqual(img));
        // +90° turns a square image counter-clockwise: the top-left pixel goes to the bottom-left
        var square = Pattern(10, 10, 4);
        var turned = RandAugment.Rotate(square, 90, 128);
        for (var y = 0; y < 10; y++)
        {
            for (var x = 0; x < 10; x++)
            {
                Assert.Equal(square.Pixels[square.Offset(x, y) + 2], turned.Pixels[turned.Offset(y, 9 - x) + 2]);
            }
        }
    }
}

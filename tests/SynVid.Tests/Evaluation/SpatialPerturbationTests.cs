using SynVid.Evaluation.Perturbations;
using SynVid.Video;

namespace SynVid.Tests.Evaluation;

public class SpatialPerturbationTests
{
    private static readonly (byte R, byte G, byte B) _known = (30, 120, 220);

    public static TheoryData<string> SpatialKeys =>
        [.. PerturbationCatalog.All.OfType<ISpatialPerturbation>().Select(p => p.Key)];

    private static RgbImage Solid(int w, int h, (byte R, byte G, byte B) c)
    {
        var px = new byte[w * h * 3];
        for (var i = 0; i < w * h; i++)
        {
            (px[i * 3], px[i * 3 + 1], px[i * 3 + 2]) = c;
        }
        return new RgbImage(w, h, px);
    }

    /// <summary>A textured 48×40 clip: gradients that change over time.</summary>
    private static RgbImage[] Textured(int frames = 4)
    {
        var clip = new RgbImage[frames];
        for (var t = 0; t < frames; t++)
        {
            var img = new RgbImage(48, 40);
            for (var y = 0; y < 40; y++)
            {
                for (var x = 0; x < 48; x++)
                {
                    var o = img.Offset(x, y);
                    img.Pixels[o] = (byte)(x * 5 + t);
                    img.Pixels[o + 1] = (byte)(y * 6);
                    img.Pixels[o + 2] = (byte)((x + y) * 2 % 256);
                }
            }
            clip[t] = img;
        }
        return clip;
    }

    private static double[] CentreMean(RgbImage[] frames)
    {
        var sum = new double[3];
        var n = 0;
        foreach (var f in frames)
        {
            for (var y = f.Height / 4; y < 3 * f.Height / 4; y++)
            {
                for (var x = f.Width / 4; x < 3 * f.Width / 4; x++)
                {
                    var o = f.Offset(x, y);
                    for (var c = 0; c < 3; c++)
                    {
                        sum[c] += f.Pixels[o + c];
                    }
                    n++;
                }
            }
        }
        return [.. sum.Select(s => s / n)];
    }

    [Theory]
    [MemberData(nameof(SpatialKeys))]
    public void KnownColoursAreKeptAtSeverityOne(string key)
    {
        var clip = Enumerable.Range(0, 8).Select(_ => Solid(64, 64, _known)).ToArray();
        var p = PerturbationCatalog.Find(key);
        var mean = CentreMean(ClipPerturbation.Apply(clip, p, 1, seed: 3));
        // The perturbation's own change is a few grey levels on average (impulse noise: 3% of values to 0 or 255).
        Assert.InRange(mean[0], _known.R - 8, _known.R + 8);
        Assert.InRange(mean[1], _known.G - 8, _known.G + 8);
        Assert.InRange(mean[2], _known.B - 8, _known.B + 8);
        if (key != "translate")
        {
            // The reference's bug would be caught: the inverted comparison run lands near the negative.
            var inverted = CentreMean(ClipPerturbation.Apply(clip, p, 1, seed: 3, legacyInvert: true));
            Assert.True(Math.Abs(inverted[0] - (256 - _known.R)) < 20, $"{key}: legacy inversion gave R = {inverted[0]:F1}");
        }
    }

    [Theory]
    [MemberData(nameof(SpatialKeys))]
    public void EveryLevelKeepsSizeAndIsReproducibleBySeed(string key)
    {
        var p = PerturbationCatalog.Find(key);
        var clip = Textured();
        for (var s = 1; s <= p.SeverityCount; s++)
        {
            var a = ClipPerturbation.Apply(clip, p, s, seed: 9, video: 2);
            var b = ClipPerturbation.Apply(clip, p, s, seed: 9, video: 2);
            Assert.Equal(clip.Length, a.Length);
            Assert.All(a, f => Assert.Equal((48, 40), (f.Width, f.Height)));
            Assert.All(a.Zip(b), pair => Assert.True(pair.First.PixelsEqual(pair.Second), $"{key} s{s} is not reproducible"));
            Assert.Contains(a.Zip(clip), pair => !pair.First.PixelsEqual(pair.Second));
        }
    }

    [Fact]
    public void SeveritiesOutsideTheTableAreUserErrors()
    {
        var clip = Textured(1);
        Assert.Throws<UserInputException>(() => ClipPerturbation.Apply(clip, new GaussianNoise(), 6, seed: 0));
        Assert.Throws<UserInputException>(() => ClipPerturbation.Apply(clip, new StaticRotate(), 0, seed: 0));
        Assert.Single(ClipPerturbation.Apply(clip, new StaticRotate(), 6, seed: 0));
        var e = Assert.Throws<UserInputException>(() => PerturbationCatalog.Find("blurry"));
        Assert.Contains("gaussian_noise", e.Message, StringComparison.Ordinal);
        Assert.Equal("compression", PerturbationCatalog.Find("JPEG").Key);
        Assert.Equal("static_rotate", PerturbationCatalog.Find("img rotate").Key);
        Assert.Equal(17, PerturbationCatalog.All.Count);
        Assert.Equal(14, PerturbationCatalog.Figure3.Count);
    }

    [Fact]
    public void TranslateShiftsEveryFrameByOneDrawWithinTheSeveritysRange()
    {
        var clip = Textured();
        for (var s = 1; s <= 5; s++)
        {
            var output = ClipPerturbation.Apply(clip, new Translate(), s, seed: 4);
            var max = Translate.MaxShift(s);
            var shift = (from i in Enumerable.Range(0, max + 1)
                         from j in Enumerable.Range(0, max + 1)
                         where Translate.Shift(clip[0], i, j).PixelsEqual(output[0])
                         select (i, j)).Single();
            Assert.All(clip.Zip(output), pair => Assert.True(Translate.Shift(pair.First, shift.i, shift.j).PixelsEqual(pair.Second)));
        }
    }

    [Fact]
    public void RotateDrawsAnIntegerAngleWithinTheSeveritysRangePerFrame()
    {
        var clip = Enumerable.Range(0, 12).Select(_ => Textured(1)[0]).ToArray();
        var output = ClipPerturbation.Apply(clip, new Rotate(), 2, seed: 4);
        var angles = output.Select(o => Enumerable.Range(-13, 27).Where(a => NearestRotation.Rotate(clip[0], a).PixelsEqual(o)).ToArray()).ToArray();
        Assert.All(angles, a => Assert.NotEmpty(a));
        Assert.True(angles.Select(a => a[0]).Distinct().Count() > 3, "the angle is re-drawn every frame");
    }

    [Fact]
    public void NearestRotationTurnsCounterClockwise()
    {
        var img = new RgbImage(4, 4);
        img.Pixels[img.Offset(3, 0)] = 255; // top-right
        var rotated = NearestRotation.Rotate(img, 90);
        Assert.Equal(255, rotated.Pixels[rotated.Offset(0, 0)]); // → top-left
        Assert.True(NearestRotation.Rotate(img, 360).PixelsEqual(img));
    }

    [Fact]
    public void MotionBlurIsAOneSidedNormalisedLineAlongTheAngle()
    {
        var taps = MotionBlur.Kernel(10, 3, 0);
        Assert.Equal(21, taps.Length);
        Assert.Equal(1.0, taps.Sum(t => t.Weight), 12);
        Assert.Equal(Enumerable.Range(0, 21), taps.Select(t => t.Dx));
        Assert.All(taps, t => Assert.Equal(0, t.Dy));
        Assert.True(taps[0].Weight > taps[1].Weight && taps[1].Weight > taps[5].Weight);
        var diagonal = MotionBlur.Kernel(10, 3, 45);
        Assert.All(diagonal, t => Assert.Equal(t.Dx, t.Dy));
        var down = MotionBlur.Kernel(15, 5, 90);
        Assert.All(down, t => Assert.Equal(0, t.Dx));

        // A bright column spreads only to its left at angle 0: output(x) reads input(x + i).
        var img = new RgbImage(32, 8);
        for (var y = 0; y < 8; y++)
        {
            img.Pixels[img.Offset(20, y)] = 255;
        }
        var blurred = MotionBlur.Blur(img, 10, 3, 0);
        Assert.True(blurred.Pixels[blurred.Offset(18, 4)] > 0);
        Assert.Equal(0, blurred.Pixels[blurred.Offset(21, 4)]);
        Assert.Equal(0, blurred.Pixels[blurred.Offset(20, 4) + 1]);
    }

    [Fact]
    public void GlassBlurCopiesNeighboursLikeTheReferenceUnlessTrueSwapIsAsked()
    {
        var clip = Textured(2);
        var copy = new GlassBlur().Apply(clip, 3, PerturbationRandom.For(1, 0, "glass_blur", 3));
        var swap = new GlassBlur(trueSwap: true).Apply(clip, 3, PerturbationRandom.For(1, 0, "glass_blur", 3));
        Assert.False(copy[0].PixelsEqual(swap[0]));
        var before = CentreMean(clip);
        Assert.All(CentreMean(swap).Zip(before), p => Assert.InRange(p.First, p.Second - 3, p.Second + 3));
    }
}

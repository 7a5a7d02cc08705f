using System.Security.Cryptography;
using SynVid.Synthesis;
using SynVid.Textures;
using SynVid.Video;

namespace SynVid.Tests.Synthesis;

public class AntiAliasingTests
{
    private const byte Red = 200;

    private static readonly StageParameters _plain = Stages.MovingShapes with { Resolution = 64 };

    private static SceneObject Obj(ShapeKind shape, int r, int x, int y, double[]? angles = null, int textureId = -1) => new()
    {
        Shape = shape,
        Colour = textureId >= 0 ? ((byte)0, (byte)0, (byte)0) : (Red, (byte)10, (byte)10),
        Radius = r,
        AnchorX = x,
        AnchorY = y,
        Direction = 0,
        Speed = 0,
        Acceleration = 0,
        RotationRate = 0,
        ScaleRate = (0, 0),
        ShearRate = (0, 0),
        TextureId = textureId,
        CropOffset = (0, 0),
        TextureTint = (0, 0, 0),
        LocalCorners = SceneSampler.LocalCorners(shape, r, angles ?? [0, 0, 0, 0]),
    };

    private static RgbImage Render(StageParameters p, SceneObject o, ITextureSource? textures = null)
    {
        var scene = new Scene
        {
            Parameters = p,
            FrameCount = 200,
            Objects = [o],
            BackgroundColour = (0, 0, 0),
            BackgroundTextureId = -1,
            StaticImageId = -1,
        };
        return new FrameRenderer(p.Resolution).Render(scene, 0, textures);
    }

    /// <summary>Σ red / colour: the area the object covers, in pixels.</summary>
    private static double Coverage(RgbImage img) =>
        Enumerable.Range(0, img.Width * img.Height).Sum(i => img.Pixels[3 * i] / (double)Red);

    private static int RedAt(RgbImage img, int x, int y) => img.Pixels[img.Offset(x, y)];

    /// <summary>SHA-256 of frames 0 and 7 of videos 0–1 of a set.</summary>
    private static string FramesHash(StageParameters stage, ITextureSource? textures)
    {
        var set = new SyntheticVideoSet(stage, textures, seed: 5, count: 2);
        var renderer = new FrameRenderer(stage.Resolution);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < 2; i++)
        {
            foreach (var t in new[] { 0, 7 })
            {
                sha.AppendData(renderer.Render(set.Scene(i), t, textures).Pixels);
            }
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    [Fact]
    public void OffByDefaultAndTheDefaultRenderIsUnchanged()
    {
        Assert.Equal(1, new StageParameters().AntiAliasing);
        Assert.All(Stages.Progression, s => Assert.Equal(1, s.AntiAliasing));
        // Hashes of the renderer before anti-aliasing existed: polygons, textures and a pool-image background.
        var textures = new PatternTextures(7, 128);
        Assert.Equal("C7577A080393FEF82C65D1FD6AF81038F6022036F9C01B21E409D3A889115A0E",
            FramesHash(Stages.AcceleratingShapes with { Resolution = 64, ObjectCount = 80 }, null));
        Assert.Equal("4AF279BCC63934DD436DDE5DFA07321CA7BAC3325BACAA5ECB9F4B700CACE2FB",
            FramesHash(Stages.AcceleratingImageCrops with { Resolution = 64, ObjectCount = 40 }, textures));
        Assert.Equal("43BCC205717D5DE06EF1B9298B0DD85957ADA1457D0D8EE3A053AFDC386479F3",
            FramesHash(Stages.MovingCircles with { Resolution = 64, ObjectCount = 80, Background = BackgroundKind.PoolImage }, textures));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void CircleEdgesBlendAndItsCoverageIsTheDiskArea(int k)
    {
        var circle = Obj(ShapeKind.Circle, 10, 30, 33);
        var aliased = Render(_plain, circle);
        var smooth = Render(_plain with { AntiAliasing = k }, circle);
        Assert.Equal(Math.PI * 100, Coverage(smooth), 0.01 * Math.PI * 100);
        var edge = 0;
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                var d = Math.Sqrt((x - 30) * (x - 30) + (y - 33) * (y - 33));
                var o = smooth.Offset(x, y);
                if (d <= 9 || d >= 11)
                {
                    // Pixels wholly inside or outside are exactly the aliased render.
                    Assert.Equal(aliased.Pixels.AsSpan(o, 3).ToArray(), smooth.Pixels.AsSpan(o, 3).ToArray());
                }
                else if (smooth.Pixels[o] is > 0 and < Red)
                {
                    edge++;
                }
            }
        }
        // About the circumference's worth of partly covered pixels.
        Assert.InRange(edge, 40, 100);
    }

    [Theory]
    [InlineData(ShapeKind.Square, 0.0)]
    [InlineData(ShapeKind.OrientedSquare, 0.6)]
    [InlineData(ShapeKind.Triangle, 1.3)]
    [InlineData(ShapeKind.Quadrilateral, 2.2)]
    public void PolygonCoverageIsItsAreaAndInteriorIsUnchanged(ShapeKind shape, double angle)
    {
        var o = Obj(shape, 14, 18, 20, [angle, angle + 2.1, angle + 3.9, angle + 5.0]);
        var vertices = new int[8];
        var n = ObjectPose.At(o, 0, _plain.Pivot).PolygonVertices(o.LocalCorners, vertices);
        var area = 0.0;
        for (var i = 0; i < n; i++)
        {
            var j = (i + 1) % n;
            area += (double)vertices[2 * i] * vertices[2 * j + 1] - (double)vertices[2 * j] * vertices[2 * i + 1];
        }
        area = Math.Abs(area) / 2;
        var aliased = Render(_plain, o);
        var smooth = Render(_plain with { AntiAliasing = 4 }, o);
        // Rounding each edge pixel to 8 bits costs at most half a level per pixel.
        Assert.Equal(area, Coverage(smooth), Math.Max(0.01 * area, 1.0));
        Assert.Contains(Enumerable.Range(0, 64 * 64), i => smooth.Pixels[3 * i] is > 0 and < Red);
        // A pixel whose 3 × 3 neighbourhood is all filled (or all empty) when aliased is wholly inside (outside).
        for (var y = 1; y < 63; y++)
        {
            for (var x = 1; x < 63; x++)
            {
                var around = Enumerable.Range(-1, 3).SelectMany(dy => Enumerable.Range(-1, 3).Select(dx => RedAt(aliased, x + dx, y + dy))).Distinct().ToList();
                if (around.Count == 1)
                {
                    Assert.Equal(around[0], RedAt(smooth, x, y));
                }
            }
        }
        // A square's integer edges give exactly half-covered edge pixels.
        if (shape == ShapeKind.Square)
        {
            Assert.Equal(Red / 2, RedAt(smooth, 18, 25));
            Assert.Equal(Red / 4, RedAt(smooth, 18, 20));
        }
    }

    [Fact]
    public void TexturesMapToTheSamePlaces()
    {
        // Texel red = 1 + x, green = 1 + y: a linear ramp, whose mean over a pixel's symmetric samples is its centre value.
        var textures = new PatternTextures(1, 128);
        var stage = Stages.AcceleratingImageCrops with { Resolution = 64 };
        var square = Obj(ShapeKind.Square, 14, 18, 20, textureId: 0);
        var aliased = Render(stage, square, textures);
        var smooth = Render(stage with { AntiAliasing = 4 }, square, textures);
        // The square covers [18, 37] × [20, 39]; its texture coordinates are the offsets from (18, 20).
        for (var y = 21; y <= 38; y++)
        {
            for (var x = 19; x <= 36; x++)
            {
                var o = smooth.Offset(x, y);
                Assert.Equal(aliased.Pixels.AsSpan(o, 3).ToArray(), smooth.Pixels.AsSpan(o, 3).ToArray());
                Assert.Equal(1 + x - 18, smooth.Pixels[o]);
            }
        }
    }

    [Fact]
    public void SupersampledVideosAreDeterministicAcrossThreadsAndRenderers()
    {
        var stage = Stages.AcceleratingShapes with { Resolution = 32, ObjectCount = 60, AntiAliasing = 4 };
        using var source = new OnTheFlyClipSource(stage, null, seed: 9, new ClipSampling { Frames = 3 });
        var serial = source.Stream(epoch: 0, start: 0, count: 6, parallelism: 1, capacity: 1).ToList();
        var parallel = source.Stream(epoch: 0, start: 0, count: 6, parallelism: 3, capacity: 2).ToList();
        Assert.All(serial.Zip(parallel), p => Assert.All(p.First.Frames.Zip(p.Second.Frames), f => Assert.True(f.First.PixelsEqual(f.Second))));
        // One renderer switching between factors gives the same frames as fresh ones.
        var set = new SyntheticVideoSet(stage, null, seed: 2, count: 1);
        var shared = new FrameRenderer(32);
        var plain = set.Scene(0) with { Parameters = stage with { AntiAliasing = 1 } };
        foreach (var t in new[] { 0, 5 })
        {
            var a = shared.Render(set.Scene(0), t, null);
            var b = shared.Render(plain, t, null);
            Assert.True(a.PixelsEqual(new FrameRenderer(32).Render(set.Scene(0), t, null)));
            Assert.True(b.PixelsEqual(new FrameRenderer(32).Render(plain, t, null)));
            Assert.False(a.PixelsEqual(b));
        }
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("-2")]
    public void UnsupportedFactorsAreRejectedNamingTheField(string value)
    {
        var e = Assert.Throws<UserInputException>(() => StageOverrides.ApplyPairs(Stages.MovingShapes, [$"antiAliasing={value}"]));
        Assert.Contains("antiAliasing", e.Message, StringComparison.Ordinal);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FactorIsSetByNameAndRecordedWithTheStage()
    {
        var stage = StageOverrides.ApplyPairs(Stages.MovingShapes, ["antiAliasing=4"]);
        Assert.Equal(4, stage.AntiAliasing);
        Assert.Contains("\"antiAliasing\": 4", StageOverrides.ToJson(stage), StringComparison.Ordinal);
    }
}

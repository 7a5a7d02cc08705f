using SynVid.Synthesis;
using SynVid.Video;

namespace SynVid.Tests.Synthesis;

public class GeometryTests
{
    private static readonly (byte, byte, byte) Red = (200, 10, 10);

    private static SceneObject Obj(ShapeKind shape, int r, int x, int y, double[]? angles = null) => new()
    {
        Shape = shape,
        Colour = Red,
        Radius = r,
        AnchorX = x,
        AnchorY = y,
        Direction = 0,
        Speed = 0,
        Acceleration = 0,
        RotationRate = 0,
        ScaleRate = (0, 0),
        ShearRate = (0, 0),
        TextureId = -1,
        CropOffset = (0, 0),
        TextureTint = (0, 0, 0),
        LocalCorners = SceneSampler.LocalCorners(shape, r, angles ?? [0, 0, 0, 0]),
    };

    private static RgbImage Render(StageParameters p, int t, params SceneObject[] objects) =>
        RenderWith(p, t, null, objects);

    private static RgbImage RenderWith(StageParameters p, int t, SynVid.Textures.ITextureSource? textures, params SceneObject[] objects)
    {
        var scene = new Scene
        {
            Parameters = p,
            FrameCount = 200,
            Objects = objects,
            BackgroundColour = (0, 0, 0),
            BackgroundTextureId = -1,
            StaticImageId = -1,
        };
        return new FrameRenderer(p.Resolution).Render(scene, t, textures);
    }

    private static bool On(RgbImage img, int x, int y) => img.Pixels[img.Offset(x, y)] != 0;

    /// <summary>The filled pixels of row y as [first, last], or null when the row is empty.</summary>
    private static (int, int)? Row(RgbImage img, int y)
    {
        var xs = Enumerable.Range(0, img.Width).Where(x => On(img, x, y)).ToList();
        return xs.Count == 0 ? null : (xs[0], xs[^1]);
    }

    private static (int X0, int Y0, int X1, int Y1) Bounds(RgbImage img)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (var y = 0; y < img.Height; y++)
        {
            for (var x = 0; x < img.Width; x++)
            {
                if (On(img, x, y))
                {
                    (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
                }
            }
        }
        return (x0, y0, x1, y1);
    }

    private static readonly StageParameters Plain = Stages.MovingShapes;

    [Fact]
    public void CircleIsTheClosedDiskAroundItsCentre()
    {
        var img = Render(Plain, 0, Obj(ShapeKind.Circle, 10, 50, 60));
        Assert.Equal((40, 50, 60, 70), Bounds(img));
        Assert.True(On(img, 57, 67)); // 7² + 7² = 98 ≤ 100
        Assert.False(On(img, 58, 68)); // 128 > 100
        Assert.True(On(img, 56, 68)); // 36 + 64 = 100, on the boundary
        Assert.Equal(Red, (img.Pixels[img.Offset(50, 60)], img.Pixels[img.Offset(50, 60) + 1], img.Pixels[img.Offset(50, 60) + 2]));
    }

    [Fact]
    public void ConstantAndAcceleratedMotionMoveTheAnchor()
    {
        var moving = Obj(ShapeKind.Circle, 5, 50, 60) with { Speed = 2, Direction = 0 };
        Assert.Equal((55, 55, 65, 65), Bounds(Render(Plain, 5, moving)));
        Assert.Equal((75, 55, 85, 65), Bounds(Render(Plain, 15, moving)));
        // Down (φ = π/2) at v₀ = 1 with a = 0.2: d(10) = 10 + ½·0.2·100 = 20.
        var acc = Obj(ShapeKind.Circle, 5, 50, 60) with { Speed = 1, Acceleration = 0.2, Direction = Math.PI / 2 };
        Assert.Equal((45, 75, 55, 85), Bounds(Render(Stages.AcceleratingShapes, 10, acc)));
        // Truncation toward zero: d = 2.5·3 = 7.5 → 57 (Q12).
        var frac = Obj(ShapeKind.Circle, 5, 50, 60) with { Speed = 2.5 };
        Assert.Equal((52, 55, 62, 65), Bounds(Render(Plain, 3, frac)));
        // The static stage ignores speed and acceleration.
        Assert.Equal((45, 55, 55, 65), Bounds(Render(Stages.StaticCircles, 50, acc)));
    }

    [Fact]
    public void SquareHasItsTopLeftCornerAtTheAnchor()
    {
        // s = ⌊10√2⌋ = 14: the closed square [20, 34] × [30, 44].
        var img = Render(Plain, 0, Obj(ShapeKind.Square, 10, 20, 30));
        Assert.Equal((20, 30, 34, 44), Bounds(img));
        Assert.Equal(15 * 15, Enumerable.Range(0, 256).Sum(y => Enumerable.Range(0, 256).Count(x => On(img, x, y))));
    }

    [Fact]
    public void OrientedSquareRectangleTriangleAndQuadrilateralSitInTheLocalBox()
    {
        // Oriented square, θ = 0: ±⌊7.07⌋ = ±7 around (10, 10) → [3, 17]².
        Assert.Equal((103, 53, 117, 67), Bounds(Render(Plain, 0, Obj(ShapeKind.OrientedSquare, 10, 100, 50))));
        // Rectangle, a_r = π/4 (first angle π, rescaled by ¼): corners 10 ± 7.07 → [2, 17]².
        Assert.Equal((102, 52, 117, 67), Bounds(Render(Plain, 0, Obj(ShapeKind.Rectangle, 10, 100, 50, [Math.PI, 0, 0, 0]))));
        // Triangle at angles (0, π/2, π): (20, 10), (10, 20), (0, 10) — apex pointing down (y grows downwards).
        var tri = Render(Plain, 0, Obj(ShapeKind.Triangle, 10, 100, 50, [Math.PI / 2, 0, Math.PI, 1]));
        Assert.Equal((100, 120), Row(tri, 60));
        Assert.Equal((105, 115), Row(tri, 65));
        Assert.Equal((110, 110), Row(tri, 70));
        Assert.Null(Row(tri, 59));
        // Quadrilateral at (0, π/2, π, 3π/2): a diamond; cos(3π/2)·10 + 10 truncates to 9.
        var quad = Render(Plain, 0, Obj(ShapeKind.Quadrilateral, 10, 100, 50, [3 * Math.PI / 2, Math.PI, 0, Math.PI / 2]));
        Assert.Equal((100, 120), Row(quad, 60));
        Assert.Equal((105, 114), Row(quad, 55));
        Assert.Equal((105, 115), Row(quad, 65));
        Assert.Equal((109, 109), Row(quad, 50));
    }

    [Fact]
    public void RotationTurnsAPolygonAboutTheHalfRadiusPivot()
    {
        // r = 10, p = (5, 5); θ = ω·t = π/2 at t = 10: corners (10, 0), (10, 14), (−4, 14), (−4, 0) + anchor.
        var square = Obj(ShapeKind.Square, 10, 100, 100) with { RotationRate = Math.PI / 20 };
        var img = Render(Stages.TransformingShapes, 10, square);
        var (x0, y0, x1, y1) = Bounds(img);
        Assert.InRange(x0, 95, 96);
        Assert.InRange(x1, 109, 110);
        Assert.InRange(y0, 99, 100);
        Assert.InRange(y1, 113, 114);
        Assert.True(On(img, 97, 105));
        Assert.False(On(img, 112, 105));
        // Centre pivot: the square turns in place.
        var centred = Render(Stages.TransformingShapes with { Pivot = PivotMode.Centre }, 10, square);
        var c = Bounds(centred);
        Assert.InRange(c.X0, 105, 106);
        Assert.InRange(c.X1, 119, 120);
    }

    [Fact]
    public void ScaleAndShearFollowTheAffineOrder()
    {
        // αx = 0.1 at t = 10: s_x = 2 about p = 5: x ∈ [5 − 10, 5 + 18] = [−5, 23] + 100.
        var scaled = Obj(ShapeKind.Square, 10, 100, 100) with { ScaleRate = (0.1, 0) };
        Assert.Equal((95, 100, 123, 114), Bounds(Render(Stages.TransformingShapes, 10, scaled)));
        // βx = 0.1 at t = 10: x' = x + 1·(y − 5) about p: the bottom edge shifts right by 9, the top left by 5.
        var sheared = Obj(ShapeKind.Square, 10, 100, 100) with { ShearRate = (0.1, 0) };
        var img = Render(Stages.TransformingShapes, 10, sheared);
        Assert.Equal((95, 109), Row(img, 100));
        Assert.Equal((109, 123), Row(img, 114));
        // Acceleration and affine together: d(10) = 0 + ½·0.4·100 = 20 along x.
        var both = scaled with { Acceleration = 0.4 };
        Assert.Equal((115, 100, 143, 114), Bounds(Render(Stages.AcceleratingShapes, 10, both)));
    }

    [Fact]
    public void CirclesTransformPerTheCircleMode()
    {
        var circle = Obj(ShapeKind.Circle, 10, 100, 100) with { ScaleRate = (0.1, 0), RotationRate = Math.PI / 20 };
        // Offline (Q1): no transform at all.
        Assert.Equal((90, 90, 110, 110), Bounds(Render(Stages.AcceleratingTextures with { Textured = false }, 10, circle)));
        // On the fly (Q2): axes (20, 10) rotated by π/2 "degrees" = 1.57°: nearly horizontal.
        var fly = Bounds(Render(Stages.TransformingShapes, 10, circle));
        Assert.InRange(fly.X0, 80, 81);
        Assert.InRange(fly.X1, 119, 120);
        Assert.InRange(fly.Y1 - fly.Y0, 20, 23);
        // Radians: a quarter turn, so the long axis is vertical.
        var rad = Bounds(Render(Stages.TransformingShapes with { CircleAngleUnits = AngleUnits.Radians }, 10, circle));
        Assert.InRange(rad.Y0, 80, 81);
        Assert.InRange(rad.Y1, 119, 120);
        Assert.InRange(rad.X1 - rad.X0, 19, 21);
    }

    [Fact]
    public void SkipRuleTestsTheAnchorNotTheExtent()
    {
        // A big square (s = 359) anchored at x = −255 reaches the canvas; at x = −256 it is skipped.
        var p = Plain;
        Assert.True(On(Render(p, 0, Obj(ShapeKind.Square, 254, -255, 0)), 50, 50));
        Assert.False(On(Render(p, 0, Obj(ShapeKind.Square, 254, -256, 0)), 50, 50));
    }

    [Fact]
    public void LaterObjectsOccludeEarlierOnes()
    {
        var below = Obj(ShapeKind.Circle, 20, 100, 100);
        var above = Obj(ShapeKind.Circle, 5, 100, 100) with { Colour = (1, 2, 3) };
        var img = Render(Plain, 0, below, above);
        Assert.Equal(1, img.Pixels[img.Offset(100, 100)]);
        Assert.Equal(200, img.Pixels[img.Offset(110, 100)]);
        var swapped = Render(Plain, 0, above, below);
        Assert.Equal(200, swapped.Pixels[swapped.Offset(100, 100)]);
    }

    [Fact]
    public void TexturesAreCroppedFromTheTopLeftWindow()
    {
        var textures = new PatternTextures(3, 512);
        var p = Stages.AcceleratingTextures with { Resolution = 256 };
        // Circle (offline, Q1): texture (r, r) at the centre.
        var circle = Obj(ShapeKind.Circle, 10, 100, 60) with { TextureId = 2, Colour = (0, 0, 0) };
        var img = RenderWith(p, 0, textures, circle);
        Assert.Equal(PatternTextures.Texel(2, 10, 10), Px(img, 100, 60));
        Assert.Equal(PatternTextures.Texel(2, 3, 17), Px(img, 93, 67));
        // Square without transform: texel (u, v) at anchor + (u, v).
        var square = Obj(ShapeKind.Square, 10, 30, 40) with { TextureId = 1, Colour = (0, 0, 0) };
        img = RenderWith(p, 0, textures, square);
        Assert.Equal(PatternTextures.Texel(1, 0, 0), Px(img, 30, 40));
        Assert.Equal(PatternTextures.Texel(1, 14, 9), Px(img, 44, 49));
        // Random crop origin shifts the window; moving objects carry their texture along.
        var shifted = square with { CropOffset = (100, 7), Speed = 2 };
        img = RenderWith(p, 5, textures, shifted);
        Assert.Equal(PatternTextures.Texel(1, 100, 7), Px(img, 40, 40));
        // A 128² texture is seen nearest-neighbour resized to 512²: texel u maps to source ⌊u/4⌋.
        img = RenderWith(p, 0, new PatternTextures(3, 128), square);
        Assert.Equal(PatternTextures.Texel(1, 3, 2), Px(img, 30 + 13, 40 + 9));
    }

    [Fact]
    public void RotatedTextureFollowsTheShape()
    {
        var textures = new PatternTextures(1, 512);
        var p = Stages.AcceleratingTextures with { TextureSampling = TextureSampling.Nearest };
        // θ = π/2 about p = (5, 5): local u maps to p + R(u − p); local (0, 0) lands at anchor + (10, 0).
        var square = Obj(ShapeKind.Square, 10, 100, 100) with { TextureId = 0, Colour = (0, 0, 0), RotationRate = Math.PI / 20 };
        var img = RenderWith(p, 10, textures, square);
        // Canvas (109, 101) − anchor − p = (4, −4) = R·(−4, −4), so u = (1, 1); (103, 112) gives u = (12, 7).
        Assert.Equal(PatternTextures.Texel(0, 1, 1), Px(img, 109, 101));
        Assert.Equal(PatternTextures.Texel(0, 12, 7), Px(img, 103, 112));
    }

    private static (byte, byte, byte) Px(RgbImage img, int x, int y)
    {
        var o = img.Offset(x, y);
        return (img.Pixels[o], img.Pixels[o + 1], img.Pixels[o + 2]);
    }
}

namespace SynVid.Synthesis;

/// <summary>
/// Samples a <see cref="Scene"/> from a seeded stream (docs/reference-behaviour.md §2.1–§2.4). Draw order, fixed so that a video is
/// reproducible (Q7): duration, background colour (3), background image, static image, then per object: shape,
/// colour (3), radius, anchor (2), direction, speed, acceleration, ω, αx, αy, βx, βy, texture id, crop offset (2),
/// tint (3), four shape angles. Every draw is made whether or not the stage uses it, so switching an option on or off
/// leaves all other values of the scene unchanged.
/// </summary>
public static class SceneSampler
{
    private static readonly ShapeKind[] _allShapes = Enum.GetValues<ShapeKind>();

    /// <summary>
    /// The scene of one video. <paramref name="textureCount"/> is the size of the texture source (0 when the stage
    /// has none); <paramref name="staticImage"/> makes this a repeated-image video (§1.3).
    /// </summary>
    public static Scene Sample(StageParameters p, int textureCount, SeededRandom rng, bool staticImage = false)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(rng);
        var pool = p.TexturePoolSize > 0 ? Math.Min(p.TexturePoolSize, textureCount) : textureCount;
        if (p.NeedsTextures && pool < 1)
        {
            throw new UserInputException($"stage '{p.Name}' needs textures but the texture source is empty");
        }

        var frames = rng.NextInt(p.MinFrames, p.MaxFrames);
        var background = (R: Channel(rng), G: Channel(rng), B: Channel(rng));
        var backgroundImage = TextureIndex(rng, pool, p.ExcludeLastTexture);
        var staticImageId = TextureIndex(rng, pool, p.ExcludeLastTexture);

        var objects = new SceneObject[p.ObjectCount];
        for (var i = 0; i < objects.Length; i++)
        {
            objects[i] = SampleObject(p, pool, rng);
        }
        return new Scene
        {
            Parameters = p,
            FrameCount = frames,
            Objects = objects,
            BackgroundColour = p.Background == BackgroundKind.RandomColour ? background : ((byte)0, (byte)0, (byte)0),
            BackgroundTextureId = p.Background == BackgroundKind.PoolImage ? backgroundImage : -1,
            StaticImageId = staticImage ? staticImageId : -1,
        };
    }

    private static SceneObject SampleObject(StageParameters p, int pool, SeededRandom rng)
    {
        var res = p.Resolution;
        var shapeDraw = rng.NextInt(0, _allShapes.Length - 1);
        var shape = p.Shapes == ShapeSet.Circles ? ShapeKind.Circle : _allShapes[shapeDraw];
        var colour = (R: Channel(rng), G: Channel(rng), B: Channel(rng));
        var radius = RadiusLaw.Radius(rng.NextDouble(), res);
        // int32(U(0, 2·res)) per axis (§2.2).
        var ax = (int)rng.Uniform(0, 2 * res);
        var ay = (int)rng.Uniform(0, 2 * res);
        var direction = rng.Uniform(0, 2 * Math.PI);
        var speed = rng.Uniform(p.SpeedMin * p.SpeedFactor, p.SpeedMax * p.SpeedFactor);
        var accScale = p.SpeedFactorScalesAcceleration ? p.SpeedFactor : 1.0;
        var acceleration = rng.Uniform(-p.MaxAcceleration, p.MaxAcceleration) * accScale;
        var omega = rng.Uniform(-p.MaxRotationRate, p.MaxRotationRate);
        var scale = (X: rng.Uniform(-p.MaxScaleRate, p.MaxScaleRate), Y: rng.Uniform(-p.MaxScaleRate, p.MaxScaleRate));
        var shear = (X: rng.Uniform(-p.MaxShearRate, p.MaxShearRate), Y: rng.Uniform(-p.MaxShearRate, p.MaxShearRate));
        var texture = TextureIndex(rng, pool, p.ExcludeLastTexture);
        var maxOffset = Math.Max(2 * res - 2 * radius, 0);
        var crop = (X: rng.NextInt(0, maxOffset), Y: rng.NextInt(0, maxOffset));
        var tint = (R: Channel(rng), G: Channel(rng), B: Channel(rng));
        Span<double> angles = stackalloc double[4];
        for (var k = 0; k < angles.Length; k++)
        {
            angles[k] = rng.Uniform(0, 2 * Math.PI);
        }

        var moving = p.Motion != MotionMode.Static;
        return new SceneObject
        {
            Shape = shape,
            Colour = p.Textured ? ((byte)0, (byte)0, (byte)0) : colour,
            Radius = radius,
            AnchorX = ax,
            AnchorY = ay,
            Direction = direction,
            Speed = moving ? speed : 0,
            Acceleration = p.Motion == MotionMode.Accelerating ? acceleration : 0,
            RotationRate = p.Affine ? omega : 0,
            ScaleRate = p.Affine && !p.RotateOnly ? scale : (0, 0),
            ShearRate = p.Affine && !p.RotateOnly ? shear : (0, 0),
            TextureId = p.Textured ? texture : -1,
            CropOffset = p.CropOrigin == CropOrigin.UniformRandom ? crop : (0, 0),
            TextureTint = p.Textured && p.SaturatedTextures ? tint : ((byte)0, (byte)0, (byte)0),
            LocalCorners = LocalCorners(shape, radius, angles),
        };
    }

    /// <summary>Local polygon corners, truncated to integers before any transform (§2.4); empty for circles.</summary>
    public static double[] LocalCorners(ShapeKind shape, int r, ReadOnlySpan<double> angles)
    {
        switch (shape)
        {
            case ShapeKind.Circle:
                return [];
            case ShapeKind.Square:
                {
                    double s = (int)(r * Math.Sqrt(2));
                    return [0, 0, s, 0, s, s, 0, s];
                }
            case ShapeKind.OrientedSquare:
                {
                    // Corners ±s/2 truncated, then rotated by θ and shifted to (r, r); they stay real-valued.
                    var h = (double)(int)(r * Math.Sqrt(2) / 2);
                    var (sin, cos) = Math.SinCos(angles[0]);
                    double[] c = [-h, -h, h, -h, h, h, -h, h];
                    for (var k = 0; k < 8; k += 2)
                    {
                        var x = c[k];
                        var y = c[k + 1];
                        c[k] = cos * x - sin * y + r;
                        c[k + 1] = sin * x + cos * y + r;
                    }
                    return c;
                }
            case ShapeKind.Rectangle:
                {
                    // a_r ~ U(0, π/2): the first angle draw rescaled from [0, 2π).
                    var a = angles[0] / 4;
                    var dx = r * Math.Cos(a);
                    var dy = r * Math.Sin(a);
                    return [Trunc(r + dx), Trunc(r + dy), Trunc(r - dx), Trunc(r + dy), Trunc(r - dx), Trunc(r - dy), Trunc(r + dx), Trunc(r - dy)];
                }
            case ShapeKind.Triangle:
            case ShapeKind.Quadrilateral:
                {
                    var n = shape == ShapeKind.Triangle ? 3 : 4;
                    Span<double> psi = stackalloc double[n];
                    angles[..n].CopyTo(psi);
                    psi.Sort();
                    var c = new double[2 * n];
                    for (var j = 0; j < n; j++)
                    {
                        c[2 * j] = Trunc(r * Math.Cos(psi[j]) + r);
                        c[2 * j + 1] = Trunc(r * Math.Sin(psi[j]) + r);
                    }
                    return c;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }
    }

    private static double Trunc(double v) => (int)v;

    private static byte Channel(SeededRandom rng) => (byte)(int)(255 * rng.NextDouble());

    private static int TextureIndex(SeededRandom rng, int pool, bool excludeLast)
    {
        if (pool <= 0)
        {
            rng.NextULong();
            return -1;
        }
        var hi = excludeLast && pool > 1 ? pool - 2 : pool - 1;
        return rng.NextInt(0, hi);
    }
}

using System.Runtime.CompilerServices;
using SynVid.Textures;
using SynVid.Video;

namespace SynVid.Synthesis;

/// <summary>
/// Renders any frame of a <see cref="Scene"/> directly from its closed-form object poses (docs/reference-behaviour.md §2.5–§2.8), so
/// a 16-frame clip costs 16 frames. Objects are visited front to back and each pixel is written once, which gives
/// the painter's-order result of the reference. With anti-aliasing k &gt; 1 the frame is rendered on a k·res sample
/// grid and box-filtered down (<see cref="SampleGrid"/>). Holds scratch buffers: use one instance per thread.
/// </summary>
public sealed class FrameRenderer
{
    private readonly Dictionary<(int Virtual, int Source), int[]> _maps = [];
    private readonly Dictionary<int, (CoverageCanvas Canvas, RgbImage? Samples)> _grids = [];
    private readonly int[] _vertices = new int[8];
    private CoverageCanvas _canvas;
    private SampleGrid _grid = new(1);

    /// <summary>A renderer for square frames of side <paramref name="resolution"/>.</summary>
    public FrameRenderer(int resolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        Resolution = resolution;
        _canvas = new CoverageCanvas(resolution);
        _grids[1] = (_canvas, null);
    }

    /// <summary>Frame side in pixels.</summary>
    public int Resolution { get; }

    /// <summary>Renders frame <paramref name="t"/> into a new image.</summary>
    public RgbImage Render(Scene scene, int t, ITextureSource? textures)
    {
        var image = new RgbImage(Resolution, Resolution);
        Render(scene, t, textures, image);
        return image;
    }

    /// <summary>Renders frame <paramref name="t"/> of <paramref name="scene"/> into <paramref name="target"/> (every pixel is written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Render(Scene scene, int t, ITextureSource? textures, RgbImage target)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var p = scene.Parameters;
        if (p.Resolution != Resolution)
        {
            throw new ArgumentException($"scene resolution {p.Resolution} differs from the renderer's {Resolution}", nameof(scene));
        }
        if (p.NeedsTextures && textures is null)
        {
            throw new ArgumentException($"stage '{p.Name}' needs a texture source", nameof(textures));
        }
        var k = p.AntiAliasing;
        if (!_grids.TryGetValue(k, out var grid))
        {
            grid = (new CoverageCanvas(k * Resolution), new RgbImage(k * Resolution, k * Resolution));
            _grids[k] = grid;
        }
        (_canvas, _grid) = (grid.Canvas, new SampleGrid(k));
        _canvas.Begin(grid.Samples ?? target);
        RenderSamples(scene, t, textures);
        if (grid.Samples is { } samples)
        {
            BoxFilter.Downsample(samples, k, target);
        }
    }

    /// <summary>Paints every sample of the current grid.</summary>
    private void RenderSamples(Scene scene, int t, ITextureSource? textures)
    {
        var p = scene.Parameters;
        if (scene.StaticImageId >= 0)
        {
            var image = ResizedPainter(textures!.Get(scene.StaticImageId));
            _canvas.FillRemaining(ref image);
            return;
        }
        // Static mode: every frame equals frame 0 (§2.7).
        var time = p.Motion == MotionMode.Static ? 0 : t;
        var objects = scene.Objects;
        for (var i = objects.Count - 1; i >= 0 && _canvas.Remaining > 0; i--)
        {
            var o = objects[i];
            if (o.TextureId >= 0)
            {
                DrawTextured(o, time, p, textures!);
            }
            else
            {
                var paint = new SolidPainter(o.Colour.R, o.Colour.G, o.Colour.B);
                Draw(o, time, p, ref paint);
            }
        }
        if (scene.BackgroundTextureId >= 0)
        {
            var background = ResizedPainter(textures!.Get(scene.BackgroundTextureId));
            _canvas.FillRemaining(ref background);
        }
        else
        {
            var c = scene.BackgroundColour;
            var background = new SolidPainter(c.R, c.G, c.B);
            _canvas.FillRemaining(ref background);
        }
    }

    private void Draw<TPaint>(SceneObject o, int t, StageParameters p, ref TPaint paint)
        where TPaint : struct, ISpanPainter
    {
        if (o.Shape == ShapeKind.Circle)
        {
            var (x, y) = ObjectPose.Position(o, t);
            if (ObjectPose.IsSkipped(x, y, Resolution))
            {
                return;
            }
            var m = ObjectPose.CircleMatrix(o, t, p.CircleTransform, p.CircleAngleUnits);
            ShapeRasterizer.FillEllipse(_canvas, _grid.ToSamples(x), _grid.ToSamples(y), _grid.ToSamples(m), ref paint);
        }
        else
        {
            var pose = ObjectPose.At(o, t, p.Pivot);
            if (ObjectPose.IsSkipped(pose.X, pose.Y, Resolution))
            {
                return;
            }
            var n = pose.PolygonVertices(o.LocalCorners, _vertices);
            _grid.ToSampleUnits(_vertices.AsSpan(0, 2 * n));
            ShapeRasterizer.FillConvexPolygon(_canvas, _vertices, n, _grid.VertexUnit, ref paint);
        }
    }

    private void DrawTextured(SceneObject o, int t, StageParameters p, ITextureSource textures)
    {
        var (x, y) = ObjectPose.Position(o, t);
        if (ObjectPose.IsSkipped(x, y, Resolution))
        {
            return;
        }
        var texture = textures.Get(o.TextureId);
        var side = 2 * Resolution;
        var xmap = Map(side, texture.Width);
        var ymap = Map(side, texture.Height);
        Matrix2? inverse;
        double ox, oy;
        if (o.Shape == ShapeKind.Circle)
        {
            // Texture (r, r) sits at the centre; the reference offline map is a pure translation (Q1, Q10).
            double r = o.Radius;
            var m = ObjectPose.CircleMatrix(o, t, p.CircleTransform, p.CircleAngleUnits);
            inverse = m.Inverse() is { } mi ? r * mi : null;
            (ox, oy) = Origin(inverse, r, r, x, y);
        }
        else
        {
            // u = p + A⁻¹·(P − (x_t, y_t) − p), built analytically from A(t) (Q10).
            var pose = ObjectPose.At(o, t, p.Pivot);
            inverse = pose.Linear.Inverse();
            (ox, oy) = Origin(inverse, pose.PivotX, pose.PivotY, x + pose.PivotX, y + pose.PivotY);
        }
        (inverse, ox, oy) = _grid.ToSamples(inverse, ox + o.CropOffset.X, oy + o.CropOffset.Y);
        var paint = new TexturePainter(texture, xmap, ymap, inverse, ox, oy, o.TextureTint, p.TextureSampling == TextureSampling.Bilinear);
        Draw(o, t, p, ref paint);
    }

    /// <summary>Texture coordinate of canvas (0, 0) for u = local + inverse·(P − canvasPoint).</summary>
    private static (double X, double Y) Origin(Matrix2? inverse, double localX, double localY, double canvasX, double canvasY)
    {
        if (inverse is not { } i)
        {
            return (0, 0);
        }
        var (dx, dy) = i.Apply(canvasX, canvasY);
        return (localX - dx, localY - dy);
    }

    private TexturePainter ResizedPainter(RgbImage image)
    {
        var (linear, ox, oy) = _grid.ToSamples(Matrix2.Identity, 0, 0);
        return new(image, Map(Resolution, image.Width), Map(Resolution, image.Height), linear, ox, oy, (0, 0, 0), bilinear: false);
    }

    /// <summary>Nearest-neighbour resize index map: virtual index v → source index ⌊v · source / virtual⌋ (§2.8 step 1, Q11).</summary>
    private int[] Map(int virtualSize, int sourceSize)
    {
        if (!_maps.TryGetValue((virtualSize, sourceSize), out var map))
        {
            map = new int[virtualSize];
            for (var v = 0; v < virtualSize; v++)
            {
                map[v] = Math.Min((int)((long)v * sourceSize / virtualSize), sourceSize - 1);
            }
            _maps[(virtualSize, sourceSize)] = map;
        }
        return map;
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using SkiaSharp;
using SynVid.Benchmarking;
using SynVid.Synthesis;
using SynVid.Video;

namespace SynVid.Bench;

/// <summary>
/// The same solid-colour frames drawn by SkiaSharp (painter's order, no anti-aliasing, RGBA → RGB) and by SynVid's
/// front-to-back span renderer: the evidence for the hand-written rasteriser.
/// </summary>
internal static class RasterizerComparisonBenchmark
{
    internal static string Run()
    {
        var stage = Stages.AcceleratingShapes;
        var scene = new SyntheticVideoSet(stage, null, seed: 0, count: 1).Scene(0);
        var renderer = new FrameRenderer(stage.Resolution);
        var target = new RgbImage(stage.Resolution, stage.Resolution);
        var t = 0;
        var spans = Timing.Measure(() => renderer.Render(scene, t++ % 100, null, target), iterations: 100, warmup: 100);

        using var bitmap = new SKBitmap(new SKImageInfo(stage.Resolution, stage.Resolution, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill };
        var rgba = new byte[stage.Resolution * stage.Resolution * 4];
        var vertices = new int[8];
        t = 0;
        var skia = Timing.Measure(() => DrawSkia(scene, t++ % 100, canvas, paint, bitmap, rgba, target, vertices), iterations: 100, warmup: 100);
        return string.Create(CultureInfo.InvariantCulture,
            $"accelerating-shapes 256² frame, 1 thread: SynVid spans median {spans.MedianMs:F3} ms, SkiaSharp median {skia.MedianMs:F3} ms ({skia.MedianMs / spans.MedianMs:F1}×)");
    }

    private static void DrawSkia(Scene scene, int t, SKCanvas canvas, SKPaint paint, SKBitmap bitmap, byte[] rgba, RgbImage target, int[] vertices)
    {
        var p = scene.Parameters;
        canvas.Clear(SKColors.Black);
        using var path = new SKPath();
        foreach (var o in scene.Objects)
        {
            paint.Color = new SKColor(o.Colour.R, o.Colour.G, o.Colour.B);
            if (o.Shape == ShapeKind.Circle)
            {
                var (x, y) = ObjectPose.Position(o, t);
                if (ObjectPose.IsSkipped(x, y, p.Resolution))
                {
                    continue;
                }
                var m = ObjectPose.CircleMatrix(o, t, p.CircleTransform, p.CircleAngleUnits);
                canvas.Save();
                canvas.Concat(new SKMatrix((float)m.A, (float)m.B, x, (float)m.C, (float)m.D, y, 0, 0, 1));
                canvas.DrawCircle(0, 0, 1, paint);
                canvas.Restore();
            }
            else
            {
                var pose = ObjectPose.At(o, t, p.Pivot);
                if (ObjectPose.IsSkipped(pose.X, pose.Y, p.Resolution))
                {
                    continue;
                }
                var n = pose.PolygonVertices(o.LocalCorners, vertices);
                path.Reset();
                path.MoveTo(vertices[0], vertices[1]);
                for (var k = 1; k < n; k++)
                {
                    path.LineTo(vertices[2 * k], vertices[2 * k + 1]);
                }
                path.Close();
                canvas.DrawPath(path, paint);
            }
        }
        canvas.Flush();
        Marshal.Copy(bitmap.GetPixels(), rgba, 0, rgba.Length);
        var dst = target.Pixels;
        for (int i = 0, j = 0; j < rgba.Length; i += 3, j += 4)
        {
            dst[i] = rgba[j];
            dst[i + 1] = rgba[j + 1];
            dst[i + 2] = rgba[j + 2];
        }
    }
}

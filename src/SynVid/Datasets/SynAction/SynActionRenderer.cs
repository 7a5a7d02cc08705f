using SkiaSharp;
using SynVid.Video;

namespace SynVid.Datasets.SynAction;

/// <summary>
/// Draws the frames of a <see cref="SynActionScene"/> with SkiaSharp (anti-aliased): the background once per call
/// (wide enough for the camera's travel), then per frame the panned background, distractors behind, the figure,
/// distractors in front. Each frame is a pure function of the scene and its index; the renderer keeps no state.
/// </summary>
public static class SynActionRenderer
{
    /// <summary>Renders every frame of the scene.</summary>
    public static RgbImage[] Render(SynActionScene scene) => Render(scene, Enumerable.Range(0, scene.FrameCount).ToArray());

    /// <summary>Renders the frames with the given indices (any order, repeats allowed, each in [0, FrameCount)).</summary>
    public static RgbImage[] Render(SynActionScene scene, IReadOnlyList<int> frameIndices)
    {
        foreach (var t in frameIndices)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(t);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, scene.FrameCount);
        }
        int w = scene.Width, h = scene.Height;

        // the background spans every camera position of the whole video, so a frame does not depend on which others are rendered
        double camMin = 0, camMax = 0;
        for (var t = 0; t < scene.FrameCount; t++)
        {
            var c = scene.CameraAt(t);
            camMin = Math.Min(camMin, c);
            camMax = Math.Max(camMax, c);
        }
        var left = (int)Math.Floor(camMin) - 2;
        var bgWidth = (int)Math.Ceiling(camMax) + w + 2 - left;
        using var bgBitmap = new SKBitmap(new SKImageInfo(bgWidth, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var bgCanvas = new SKCanvas(bgBitmap))
        {
            BackgroundPainter.Paint(bgCanvas, bgWidth, h, scene.Background, scene.BackgroundSeed, (float)scene.GroundY);
        }
        using var background = SKImage.FromBitmap(bgBitmap);

        using var frame = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(frame);
        using var paint = new SKPaint { IsAntialias = true };
        var sampling = new SKSamplingOptions(SKFilterMode.Linear);
        var result = new RgbImage[frameIndices.Count];
        for (var i = 0; i < frameIndices.Count; i++)
        {
            var t = frameIndices[i];
            var camera = scene.CameraAt(t);
            canvas.Clear(SKColors.Black);
            canvas.DrawImage(background, (float)(left - camera), 0, sampling);
            DrawDistractors(canvas, paint, scene, t, camera, inFront: false);
            DrawFigure(canvas, paint, scene, scene.JointsAt(t));
            DrawDistractors(canvas, paint, scene, t, camera, inFront: true);
            canvas.Flush();
            result[i] = ToRgb(frame);
        }
        return result;
    }

    private static RgbImage ToRgb(SKBitmap bitmap)
    {
        var rgba = bitmap.GetPixelSpan();
        var image = new RgbImage(bitmap.Width, bitmap.Height);
        var rgb = image.Pixels.AsSpan();
        var n = bitmap.Width * bitmap.Height;
        for (int i = 0, j = 0; i < n; i++, j += 4)
        {
            // frames are opaque, so premultiplied equals straight RGB
            rgb[3 * i] = rgba[j];
            rgb[3 * i + 1] = rgba[j + 1];
            rgb[3 * i + 2] = rgba[j + 2];
        }
        return image;
    }

    private static void DrawDistractors(SKCanvas canvas, SKPaint paint, SynActionScene scene, int t, double camera, bool inFront)
    {
        paint.Style = SKPaintStyle.Fill;
        foreach (var d in scene.Distractors)
        {
            if (d.InFront != inFront)
            {
                continue;
            }
            // wrap around the frame (with a margin of the object's size) so objects keep crossing the view
            var spanX = scene.Width + 2 * d.Size;
            var spanY = scene.Height + 2 * d.Size;
            var x = d.X + d.VelocityX * t - (d.SceneFixed ? camera : 0) + d.Size;
            var y = d.Y + d.VelocityY * t + d.Size;
            x = (x % spanX + spanX) % spanX - d.Size;
            y = (y % spanY + spanY) % spanY - d.Size;
            paint.Color = d.Color;
            canvas.Save();
            canvas.Translate((float)x, (float)y);
            canvas.RotateDegrees(d.Rotation + d.Spin * t);
            var r = d.Size / 2;
            switch (d.Shape)
            {
                case DistractorShape.Disc:
                    canvas.DrawCircle(0, 0, r, paint);
                    break;
                case DistractorShape.Box:
                    canvas.DrawRect(-r, -0.6f * r, 2 * r, 1.2f * r, paint);
                    break;
                case DistractorShape.Triangle:
                    using (var path = new SKPath())
                    {
                        path.MoveTo(0, -r);
                        path.LineTo(0.87f * r, 0.5f * r);
                        path.LineTo(-0.87f * r, 0.5f * r);
                        path.Close();
                        canvas.DrawPath(path, paint);
                    }
                    break;
                case DistractorShape.Ring:
                    paint.Style = SKPaintStyle.Stroke;
                    paint.StrokeWidth = 0.35f * r;
                    canvas.DrawCircle(0, 0, 0.8f * r, paint);
                    paint.Style = SKPaintStyle.Fill;
                    break;
            }
            canvas.Restore();
        }
    }

    private static void DrawFigure(SKCanvas canvas, SKPaint paint, SynActionScene scene, FigureJoints j)
    {
        var body = scene.Body;
        var scale = (float)scene.FigureHeight;
        var limb = Math.Max(1.5f, (float)body.LimbWidth * scale);
        var farShade = scene.Action.FrontView ? 0.9 : 0.72;
        var sleeve = body.Shirt;
        var forearm = body.ShortSleeves ? body.Skin : body.Shirt;

        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeCap = SKStrokeCap.Round;
        paint.StrokeJoin = SKStrokeJoin.Round;

        // far limbs first, shaded
        Segment(canvas, paint, j.ShoulderFar, j.ElbowFar, Palette.Shade(sleeve, farShade), limb);
        Segment(canvas, paint, j.ElbowFar, j.WristFar, Palette.Shade(forearm, farShade), limb * 0.9f);
        Segment(canvas, paint, j.HipFar, j.KneeFar, Palette.Shade(body.Trousers, farShade), limb * 1.15f);
        Segment(canvas, paint, j.KneeFar, j.AnkleFar, Palette.Shade(body.Trousers, farShade), limb);
        Segment(canvas, paint, j.AnkleFar, j.ToeFar, Palette.Shade(body.Shoes, farShade), limb * 0.8f);

        // torso and head
        Segment(canvas, paint, j.HipNear, j.HipFar, body.Trousers, limb * 1.3f);
        Segment(canvas, paint, j.Pelvis, j.Neck, body.Shirt, Math.Max(2f, (float)body.TorsoWidth * scale));
        Segment(canvas, paint, j.ShoulderNear, j.ShoulderFar, body.Shirt, limb * 1.2f);
        paint.Style = SKPaintStyle.Fill;
        paint.Color = body.Skin;
        canvas.DrawCircle(j.Head, Math.Max(2f, (float)body.HeadRadius * scale), paint);
        paint.Style = SKPaintStyle.Stroke;

        // near limbs on top
        Segment(canvas, paint, j.HipNear, j.KneeNear, body.Trousers, limb * 1.15f);
        Segment(canvas, paint, j.KneeNear, j.AnkleNear, body.Trousers, limb);
        Segment(canvas, paint, j.AnkleNear, j.ToeNear, body.Shoes, limb * 0.8f);
        Segment(canvas, paint, j.ShoulderNear, j.ElbowNear, sleeve, limb);
        Segment(canvas, paint, j.ElbowNear, j.WristNear, forearm, limb * 0.9f);

        // hands
        paint.Style = SKPaintStyle.Fill;
        paint.Color = Palette.Shade(body.Skin, farShade);
        canvas.DrawCircle(j.WristFar, limb * 0.6f, paint);
        paint.Color = body.Skin;
        canvas.DrawCircle(j.WristNear, limb * 0.6f, paint);
    }

    private static void Segment(SKCanvas canvas, SKPaint paint, SKPoint a, SKPoint b, SKColor color, float width)
    {
        paint.Color = color;
        paint.StrokeWidth = width;
        canvas.DrawLine(a, b, paint);
    }
}

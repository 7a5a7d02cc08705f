using SkiaSharp;

namespace SynVid.Datasets.SynAction;

/// <summary>
/// Procedural background families. The first six are used for training and the ordinary test split; the last two
/// appear only in the held-out-background test split.
/// </summary>
public enum BackgroundStyle
{
    /// <summary>Sky gradient, hills and a ground plane.</summary>
    Landscape,

    /// <summary>Vertical stripes of random widths (a wall, curtains).</summary>
    Stripes,

    /// <summary>A checkerboard of two colours.</summary>
    Checker,

    /// <summary>Soft translucent blobs on a plain colour.</summary>
    Blobs,

    /// <summary>A brick wall.</summary>
    Bricks,

    /// <summary>Rectangular panels, windows and shelves.</summary>
    Panels,

    /// <summary>Held out: diagonal stripes.</summary>
    Diagonal,

    /// <summary>Held out: polka dots over horizontal bands.</summary>
    Dots,
}

/// <summary>Paints backgrounds of a <see cref="BackgroundStyle"/>.</summary>
public static class BackgroundPainter
{
    /// <summary>Styles of the training and ordinary test splits.</summary>
    public static IReadOnlyList<BackgroundStyle> SeenStyles { get; } =
        [BackgroundStyle.Landscape, BackgroundStyle.Stripes, BackgroundStyle.Checker, BackgroundStyle.Blobs, BackgroundStyle.Bricks, BackgroundStyle.Panels];

    /// <summary>Styles used only by the held-out-background test split.</summary>
    public static IReadOnlyList<BackgroundStyle> HeldOutStyles { get; } = [BackgroundStyle.Diagonal, BackgroundStyle.Dots];

    /// <summary>
    /// Paints a width × height background of <paramref name="style"/>, every random choice drawn from a stream seeded by
    /// <paramref name="seed"/>. The ground line is at <paramref name="groundY"/>; a floor may be drawn below it.
    /// </summary>
    public static void Paint(SKCanvas canvas, int width, int height, BackgroundStyle style, ulong seed, float groundY)
    {
        var rng = new SplitMixRandom(seed);
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        var c1 = Palette.RandomColor(rng, 0.1, 0.25, 0.95);
        var c2 = Palette.RandomColor(rng, 0.1, 0.25, 0.95);
        canvas.Clear(c1);
        switch (style)
        {
            case BackgroundStyle.Landscape:
                {
                    var sky = SKColor.FromHsv((float)(190 + 40 * rng.NextDouble()), (float)(20 + 50 * rng.NextDouble()), (float)(70 + 30 * rng.NextDouble()));
                    using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, groundY), [sky, Palette.Shade(sky, 0.75)], SKShaderTileMode.Clamp);
                    paint.Shader = shader;
                    canvas.DrawRect(0, 0, width, height, paint);
                    paint.Shader = null;
                    var hill = Palette.RandomColor(rng, 0.3, 0.3, 0.7);
                    for (var x = -50.0; x < width + 50; x += 60 + 120 * rng.NextDouble())
                    {
                        paint.Color = Palette.Shade(hill, 0.8 + 0.2 * rng.NextDouble());
                        var r = (float)(40 + 120 * rng.NextDouble());
                        canvas.DrawOval((float)x, groundY, r * 1.6f, r * (float)(0.3 + 0.5 * rng.NextDouble()), paint);
                    }
                    break;
                }
            case BackgroundStyle.Stripes:
                {
                    var colors = new[] { c1, c2, Palette.RandomColor(rng, 0.1, 0.25, 0.95) };
                    for (var x = 0.0; x < width;)
                    {
                        var w = 6 + 40 * rng.NextDouble();
                        paint.Color = colors[rng.Next(colors.Length)];
                        canvas.DrawRect((float)x, 0, (float)w + 1, height, paint);
                        x += w;
                    }
                    break;
                }
            case BackgroundStyle.Checker:
                {
                    var tile = (float)(12 + 36 * rng.NextDouble());
                    paint.Color = c2;
                    for (var y = 0; y * tile < height; y++)
                    {
                        for (var x = 0; x * tile < width; x++)
                        {
                            if ((x + y) % 2 == 0)
                            {
                                canvas.DrawRect(x * tile, y * tile, tile, tile, paint);
                            }
                        }
                    }
                    break;
                }
            case BackgroundStyle.Blobs:
                {
                    var n = (int)(width * height / 2500.0);
                    for (var i = 0; i < n; i++)
                    {
                        paint.Color = Palette.RandomColor(rng, 0.2, 0.3, 1.0).WithAlpha((byte)(60 + rng.Next(100)));
                        canvas.DrawCircle((float)(width * rng.NextDouble()), (float)(height * rng.NextDouble()), (float)(8 + 40 * rng.NextDouble()), paint);
                    }
                    break;
                }
            case BackgroundStyle.Bricks:
                {
                    var bh = (float)(10 + 16 * rng.NextDouble());
                    var bw = bh * (float)(2 + rng.NextDouble());
                    var mortar = Palette.Shade(c1, 0.6 + 0.5 * rng.NextDouble());
                    canvas.Clear(mortar);
                    for (var row = 0; row * bh < height; row++)
                    {
                        var shift = row % 2 == 0 ? 0 : bw / 2;
                        for (var x = -shift; x < width; x += bw)
                        {
                            paint.Color = Palette.Shade(c2, 0.75 + 0.25 * rng.NextDouble());
                            canvas.DrawRect(x + 1.5f, row * bh + 1.5f, bw - 3, bh - 3, paint);
                        }
                    }
                    break;
                }
            case BackgroundStyle.Panels:
                {
                    var n = 4 + width / 40;
                    for (var i = 0; i < n; i++)
                    {
                        paint.Color = Palette.RandomColor(rng, 0.05, 0.2, 0.95);
                        var w = (float)(20 + 80 * rng.NextDouble());
                        var h = (float)(20 + 0.6 * groundY * rng.NextDouble());
                        canvas.DrawRect((float)(width * rng.NextDouble()) - w / 2, (float)(groundY * rng.NextDouble()) - h / 2, w, h, paint);
                    }
                    break;
                }
            case BackgroundStyle.Diagonal:
                {
                    var period = (float)(14 + 30 * rng.NextDouble());
                    paint.Color = c2;
                    paint.Style = SKPaintStyle.Stroke;
                    paint.StrokeWidth = period * (float)(0.3 + 0.4 * rng.NextDouble());
                    var sign = rng.NextDouble() < 0.5 ? 1 : -1;
                    for (var x = -(float)height; x < width + height; x += period)
                    {
                        canvas.DrawLine(x, 0, x + sign * height, height, paint);
                    }
                    paint.Style = SKPaintStyle.Fill;
                    break;
                }
            case BackgroundStyle.Dots:
                {
                    var band = (float)(20 + 40 * rng.NextDouble());
                    paint.Color = Palette.Shade(c1, 0.7);
                    for (var y = 0f; y < height; y += 2 * band)
                    {
                        canvas.DrawRect(0, y, width, band, paint);
                    }
                    var step = (float)(14 + 22 * rng.NextDouble());
                    paint.Color = c2;
                    for (var y = step / 2; y < height; y += step)
                    {
                        for (var x = step / 2; x < width; x += step)
                        {
                            canvas.DrawCircle(x, y, step * 0.28f, paint);
                        }
                    }
                    break;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(style), style, null);
        }

        if (style != BackgroundStyle.Landscape && rng.NextDouble() < 0.7)
        {
            // a floor below the ground line, so the figure stands on something
            paint.Color = Palette.RandomColor(rng, 0.0, 0.2, 0.8).WithAlpha((byte)(170 + rng.Next(86)));
            canvas.DrawRect(0, groundY - 2, width, height - groundY + 2, paint);
        }
        else if (style == BackgroundStyle.Landscape)
        {
            paint.Color = Palette.RandomColor(rng, 0.2, 0.25, 0.7);
            canvas.DrawRect(0, groundY - 2, width, height - groundY + 2, paint);
        }
    }
}

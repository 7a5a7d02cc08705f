using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// Rotation about the image centre, counter-clockwise in degrees, nearest neighbour, same size, black fill: the
/// semantics of PIL's <c>Image.rotate(angle)</c> used by the reference's rotate and static_rotate. Multiples of 90°
/// (on square images) and 180° are exact transposes; other angles use PIL's 16.16 fixed-point inverse mapping, so
/// the sampled source pixels are the same as PIL's.
/// </summary>
public static class NearestRotation
{
    /// <summary>Rotates <paramref name="image"/> by <paramref name="degrees"/> counter-clockwise.</summary>
    public static RgbImage Rotate(RgbImage image, double degrees)
    {
        ArgumentNullException.ThrowIfNull(image);
        int w = image.Width, h = image.Height;
        var angle = degrees % 360.0;
        if (angle < 0)
        {
            angle += 360.0;
        }
        if (angle == 0)
        {
            return new RgbImage(w, h, (byte[])image.Pixels.Clone());
        }
        if (angle == 180)
        {
            return Remap(image, w, h, (x, y) => (w - 1 - x, h - 1 - y));
        }
        if (w == h && angle is 90 or 270)
        {
            return angle == 90
                ? Remap(image, w, h, (x, y) => (w - 1 - y, x))
                : Remap(image, w, h, (x, y) => (y, h - 1 - x));
        }
        return AffineFixedPoint(image, InverseMatrix(angle, w, h));
    }

    /// <summary>The output → input affine map (a, b, c, d, e, f) of PIL's rotate: x_in = a·x + b·y + c, y_in = d·x + e·y + f.</summary>
    private static double[] InverseMatrix(double angle, int w, int h)
    {
        var radians = -angle * Math.PI / 180.0;
        var cos = Math.Round(Math.Cos(radians), 15, MidpointRounding.ToEven);
        var sin = Math.Round(Math.Sin(radians), 15, MidpointRounding.ToEven);
        var m = new[] { cos, sin, 0.0, -sin, cos, 0.0 };
        double cx = w / 2.0, cy = h / 2.0;
        m[2] = m[0] * -cx + m[1] * -cy + m[2] + cx;
        m[5] = m[3] * -cx + m[4] * -cy + m[5] + cy;
        return m;
    }

    private static RgbImage AffineFixedPoint(RgbImage image, double[] a)
    {
        int w = image.Width, h = image.Height;
        var src = image.Pixels;
        var output = new byte[src.Length];
        static int Fix(double v)
        {
            var scaled = v * 65536.0 + 0.5;
            return scaled < 0 ? (int)Math.Floor(scaled) : (int)scaled;
        }
        // Pixel centres: the map is evaluated at (x + 0.5, y + 0.5) and the source index is the integer part.
        int a0 = Fix(a[0]), a1 = Fix(a[1]), a3 = Fix(a[3]), a4 = Fix(a[4]);
        var rowX = Fix(a[2] + a[0] * 0.5 + a[1] * 0.5);
        var rowY = Fix(a[5] + a[3] * 0.5 + a[4] * 0.5);
        for (var y = 0; y < h; y++)
        {
            int xx = rowX, yy = rowY;
            for (var x = 0; x < w; x++)
            {
                var xin = xx >> 16;
                var yin = yy >> 16;
                if (xin >= 0 && xin < w && yin >= 0 && yin < h)
                {
                    var s = (yin * w + xin) * 3;
                    var o = (y * w + x) * 3;
                    output[o] = src[s];
                    output[o + 1] = src[s + 1];
                    output[o + 2] = src[s + 2];
                }
                xx += a0;
                yy += a3;
            }
            rowX += a1;
            rowY += a4;
        }
        return new RgbImage(w, h, output);
    }

    private static RgbImage Remap(RgbImage image, int w, int h, Func<int, int, (int X, int Y)> source)
    {
        var src = image.Pixels;
        var output = new byte[src.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var (sx, sy) = source(x, y);
                Array.Copy(src, (sy * w + sx) * 3, output, (y * w + x) * 3, 3);
            }
        }
        return new RgbImage(w, h, output);
    }
}

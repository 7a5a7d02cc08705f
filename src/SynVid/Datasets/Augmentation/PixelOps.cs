using SynVid.Video;

namespace SynVid.Datasets.Augmentation;

/// <summary>
/// The image operations of RandAugment on 8-bit RGB frames, with PIL's semantics (ImageOps, ImageEnhance and the
/// affine transform), each returning a new image.
/// </summary>
public static class PixelOps
{
    /// <summary>255 − v.</summary>
    public static RgbImage Invert(RgbImage image) => MapLut(image, Enumerable.Range(0, 256).Select(i => (byte)(255 - i)).ToArray());

    /// <summary>Keeps the top <paramref name="bits"/> bits of every channel (8 or more: unchanged).</summary>
    public static RgbImage Posterize(RgbImage image, int bits)
    {
        if (bits >= 8)
        {
            return Copy(image);
        }
        var mask = (byte)~((1 << (8 - Math.Max(0, bits))) - 1);
        return MapLut(image, Enumerable.Range(0, 256).Select(i => (byte)(i & mask)).ToArray());
    }

    /// <summary>Inverts values at or above <paramref name="threshold"/>.</summary>
    public static RgbImage Solarize(RgbImage image, int threshold) =>
        MapLut(image, Enumerable.Range(0, 256).Select(i => (byte)(i < threshold ? i : 255 - i)).ToArray());

    /// <summary>Adds <paramref name="add"/> (saturating) to values below <paramref name="threshold"/>.</summary>
    public static RgbImage SolarizeAdd(RgbImage image, int add, int threshold = 128) =>
        MapLut(image, Enumerable.Range(0, 256).Select(i => (byte)(i < threshold ? Math.Min(255, i + add) : i)).ToArray());

    /// <summary>Per channel, stretches [min, max] to [0, 255] (PIL autocontrast with no cutoff).</summary>
    public static RgbImage AutoContrast(RgbImage image)
    {
        var luts = new byte[3][];
        for (var c = 0; c < 3; c++)
        {
            int lo = 255, hi = 0;
            var p = image.Pixels;
            for (var i = c; i < p.Length; i += 3)
            {
                lo = Math.Min(lo, p[i]);
                hi = Math.Max(hi, p[i]);
            }
            var lut = new byte[256];
            if (hi <= lo)
            {
                for (var i = 0; i < 256; i++)
                {
                    lut[i] = (byte)i;
                }
            }
            else
            {
                var scale = 255.0 / (hi - lo);
                var offset = -lo * scale;
                for (var i = 0; i < 256; i++)
                {
                    lut[i] = (byte)Math.Clamp((int)(i * scale + offset), 0, 255);
                }
            }
            luts[c] = lut;
        }
        return MapLuts(image, luts);
    }

    /// <summary>Per-channel histogram equalisation (PIL ImageOps.equalize).</summary>
    public static RgbImage Equalize(RgbImage image)
    {
        var luts = new byte[3][];
        var p = image.Pixels;
        for (var c = 0; c < 3; c++)
        {
            var histogram = new int[256];
            for (var i = c; i < p.Length; i += 3)
            {
                histogram[p[i]]++;
            }
            var lut = new byte[256];
            var nonZero = histogram.Where(h => h > 0).ToArray();
            var step = nonZero.Length <= 1 ? 0 : (nonZero.Sum() - nonZero[^1]) / 255;
            if (step == 0)
            {
                for (var i = 0; i < 256; i++)
                {
                    lut[i] = (byte)i;
                }
            }
            else
            {
                var n = step / 2;
                for (var i = 0; i < 256; i++)
                {
                    lut[i] = (byte)Math.Min(255, n / step);
                    n += histogram[i];
                }
            }
            luts[c] = lut;
        }
        return MapLuts(image, luts);
    }

    /// <summary>Saturation: blend with the grey image (PIL ImageEnhance.Color).</summary>
    public static RgbImage Color(RgbImage image, double factor)
    {
        var grey = new RgbImage(image.Width, image.Height);
        var p = image.Pixels;
        for (var i = 0; i < p.Length; i += 3)
        {
            var l = Luma(p[i], p[i + 1], p[i + 2]);
            grey.Pixels[i] = grey.Pixels[i + 1] = grey.Pixels[i + 2] = l;
        }
        return Blend(grey, image, factor);
    }

    /// <summary>Contrast: blend with the mean grey level (PIL ImageEnhance.Contrast).</summary>
    public static RgbImage Contrast(RgbImage image, double factor)
    {
        var p = image.Pixels;
        long sum = 0;
        for (var i = 0; i < p.Length; i += 3)
        {
            sum += Luma(p[i], p[i + 1], p[i + 2]);
        }
        var mean = (byte)(int)(sum / (double)(image.Width * image.Height) + 0.5);
        var flat = new RgbImage(image.Width, image.Height);
        Array.Fill(flat.Pixels, mean);
        return Blend(flat, image, factor);
    }

    /// <summary>Brightness: blend with black (PIL ImageEnhance.Brightness).</summary>
    public static RgbImage Brightness(RgbImage image, double factor) => Blend(new RgbImage(image.Width, image.Height), image, factor);

    /// <summary>Sharpness: blend with PIL's SMOOTH-filtered image (3×3 kernel, centre 5, border pixels kept).</summary>
    public static RgbImage Sharpness(RgbImage image, double factor)
    {
        int w = image.Width, h = image.Height;
        var src = image.Pixels;
        var smooth = Copy(image);
        var dst = smooth.Pixels;
        for (var y = 1; y < h - 1; y++)
        {
            for (var x = 1; x < w - 1; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var s = 0;
                    for (var dy = -1; dy <= 1; dy++)
                    {
                        var row = ((y + dy) * w + x) * 3 + c;
                        s += src[row - 3] + src[row] + src[row + 3];
                    }
                    s += 4 * src[(y * w + x) * 3 + c];
                    dst[(y * w + x) * 3 + c] = (byte)Math.Clamp((int)(s / 13.0 + 0.5), 0, 255);
                }
            }
        }
        return Blend(smooth, image, factor);
    }

    /// <summary>
    /// PIL's affine transform with bicubic resampling: output pixel (x, y) samples the input at
    /// (a·(x+½) + b·(y+½) + c, d·(x+½) + e·(y+½) + f); samples outside the image take <paramref name="fill"/>.
    /// </summary>
    public static RgbImage Affine(RgbImage image, double a, double b, double c, double d, double e, double f, byte fill)
    {
        int w = image.Width, h = image.Height;
        var src = image.Pixels;
        var result = new RgbImage(w, h);
        var dst = result.Pixels;
        Span<float> wx = stackalloc float[4];
        Span<float> wy = stackalloc float[4];
        Span<int> xs = stackalloc int[4];
        Span<int> ys = stackalloc int[4];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var o = (y * w + x) * 3;
                var xin = a * (x + 0.5) + b * (y + 0.5) + c;
                var yin = d * (x + 0.5) + e * (y + 0.5) + f;
                if (xin < 0 || xin >= w || yin < 0 || yin >= h)
                {
                    dst[o] = dst[o + 1] = dst[o + 2] = fill;
                    continue;
                }
                xin -= 0.5;
                yin -= 0.5;
                var x0 = (int)Math.Floor(xin);
                var y0 = (int)Math.Floor(yin);
                var dx = (float)(xin - x0);
                var dy = (float)(yin - y0);
                if (dx == 0 && dy == 0)
                {
                    // on a pixel centre the cubic reproduces the sample
                    var s0 = (y0 * w + x0) * 3;
                    dst[o] = src[s0];
                    dst[o + 1] = src[s0 + 1];
                    dst[o + 2] = src[s0 + 2];
                    continue;
                }
                CubicWeights(dx, wx);
                CubicWeights(dy, wy);
                for (var k = 0; k < 4; k++)
                {
                    xs[k] = Math.Clamp(x0 - 1 + k, 0, w - 1) * 3;
                    ys[k] = Math.Clamp(y0 - 1 + k, 0, h - 1) * w * 3;
                }
                float r = 0, g = 0, bl = 0;
                for (var j = 0; j < 4; j++)
                {
                    float rr = 0, gg = 0, bb = 0;
                    for (var i = 0; i < 4; i++)
                    {
                        var q = ys[j] + xs[i];
                        rr += wx[i] * src[q];
                        gg += wx[i] * src[q + 1];
                        bb += wx[i] * src[q + 2];
                    }
                    r += wy[j] * rr;
                    g += wy[j] * gg;
                    bl += wy[j] * bb;
                }
                dst[o] = ToByte(r);
                dst[o + 1] = ToByte(g);
                dst[o + 2] = ToByte(bl);
            }
        }
        return result;
    }

    private static byte ToByte(float v) => v <= 0 ? (byte)0 : v >= 255 ? (byte)255 : (byte)(v + 0.5f);

    // PIL's transform bicubic: p(d) = v2 + d(−v1 + v3) + d²(2v1 − 2v2 + v3 − v4) + d³(−v1 + v2 − v3 + v4), as weights.
    private static void CubicWeights(float t, Span<float> w)
    {
        float t2 = t * t, t3 = t2 * t;
        w[0] = -t + 2 * t2 - t3;
        w[1] = 1 - 2 * t2 + t3;
        w[2] = t + t2 - t3;
        w[3] = -t2 + t3;
    }

    // ITU-R 601-2 luma as PIL computes it in fixed point.
    private static byte Luma(byte r, byte g, byte b) => (byte)((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);

    // PIL Image.blend(a, b, alpha) = a + alpha·(b − a), truncated and clipped.
    private static RgbImage Blend(RgbImage a, RgbImage b, double alpha)
    {
        var result = new RgbImage(a.Width, a.Height);
        var pa = a.Pixels;
        var pb = b.Pixels;
        var dst = result.Pixels;
        for (var i = 0; i < dst.Length; i++)
        {
            var v = pa[i] + alpha * (pb[i] - pa[i]);
            dst[i] = v <= 0 ? (byte)0 : v >= 255 ? (byte)255 : (byte)v;
        }
        return result;
    }

    private static RgbImage Copy(RgbImage image) => new(image.Width, image.Height, (byte[])image.Pixels.Clone());

    private static RgbImage MapLut(RgbImage image, byte[] lut) => MapLuts(image, [lut, lut, lut]);

    private static RgbImage MapLuts(RgbImage image, byte[][] luts)
    {
        var result = new RgbImage(image.Width, image.Height);
        var src = image.Pixels;
        var dst = result.Pixels;
        for (var i = 0; i < src.Length; i += 3)
        {
            dst[i] = luts[0][src[i]];
            dst[i + 1] = luts[1][src[i + 1]];
            dst[i + 2] = luts[2][src[i + 2]];
        }
        return result;
    }
}

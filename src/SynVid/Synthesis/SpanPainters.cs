using System.Runtime.CompilerServices;
using SynVid.Video;

namespace SynVid.Synthesis;

/// <summary>Paints a run with one colour.</summary>
internal struct SolidPainter(byte r, byte g, byte b) : ISpanPainter
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void Paint(Span<byte> span, int y, int x)
    {
        for (var k = 0; k < span.Length; k += 3)
        {
            span[k] = r;
            span[k + 1] = g;
            span[k + 2] = b;
        }
    }
}

/// <summary>
/// Paints a run from a texture seen as if nearest-neighbour resized to V × V (V = 2res, §2.8 step 1), through the
/// inverse affine map canvas → texture, with a black border (§2.8 step 4) and an optional additive tint.
/// </summary>
internal struct TexturePainter : ISpanPainter
{
    private readonly byte[] _src;
    private readonly int _srcWidth;
    private readonly int[] _xmap;
    private readonly int[] _ymap;
    private readonly int _side;
    private readonly double _ox, _oy, _ia, _ib, _ic, _id;
    private readonly byte _tr, _tg, _tb;
    private readonly bool _bilinear;
    private readonly bool _valid;

    /// <param name="texture">Source texture of any size.</param>
    /// <param name="xmap">Virtual column → source column (length V).</param>
    /// <param name="ymap">Virtual row → source row (length V).</param>
    /// <param name="canvasToTexture">Linear part of the canvas → texture map, or null for a singular transform (black).</param>
    /// <param name="offsetX">Texture x of canvas pixel (0, 0).</param>
    /// <param name="offsetY">Texture y of canvas pixel (0, 0).</param>
    /// <param name="tint">Colour added to each texel, clipped to 255.</param>
    /// <param name="bilinear">Bilinear or nearest sampling.</param>
    public TexturePainter(RgbImage texture, int[] xmap, int[] ymap, Matrix2? canvasToTexture, double offsetX, double offsetY, (byte R, byte G, byte B) tint, bool bilinear)
    {
        _src = texture.Pixels;
        _srcWidth = texture.Width;
        _xmap = xmap;
        _ymap = ymap;
        _side = xmap.Length;
        var m = canvasToTexture ?? default;
        _valid = canvasToTexture is not null;
        (_ia, _ib, _ic, _id) = (m.A, m.B, m.C, m.D);
        (_ox, _oy) = (offsetX, offsetY);
        (_tr, _tg, _tb) = tint;
        _bilinear = bilinear;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void Paint(Span<byte> dst, int y, int x)
    {
        if (!_valid)
        {
            for (var k = 0; k < dst.Length; k += 3)
            {
                dst[k] = _tr;
                dst[k + 1] = _tg;
                dst[k + 2] = _tb;
            }
            return;
        }
        var ux = _ox + _ia * x + _ib * y;
        var uy = _oy + _ic * x + _id * y;
        for (var k = 0; k < dst.Length; k += 3)
        {
            int r, g, b;
            if (_bilinear)
            {
                (r, g, b) = SampleBilinear(ux, uy);
            }
            else
            {
                (r, g, b) = SampleNearest(ux, uy);
            }
            dst[k] = (byte)Math.Min(r + _tr, 255);
            dst[k + 1] = (byte)Math.Min(g + _tg, 255);
            dst[k + 2] = (byte)Math.Min(b + _tb, 255);
            ux += _ia;
            uy += _ic;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly (int R, int G, int B) SampleNearest(double ux, double uy)
    {
        var tx = (int)Math.Floor(ux + 0.5);
        var ty = (int)Math.Floor(uy + 0.5);
        if ((uint)tx >= (uint)_side || (uint)ty >= (uint)_side)
        {
            return (0, 0, 0);
        }
        var o = (_ymap[ty] * _srcWidth + _xmap[tx]) * 3;
        return (_src[o], _src[o + 1], _src[o + 2]);
    }

    /// <summary>
    /// Bilinear sampling on a 1/32-pixel grid with integer weights summing to 1024, the fixed-point scheme of the
    /// reference's warp; texels outside the texture are black.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private readonly (int R, int G, int B) SampleBilinear(double ux, double uy)
    {
        var qx = (long)Math.Floor(ux * 32 + 0.5);
        var qy = (long)Math.Floor(uy * 32 + 0.5);
        var x0 = (int)(qx >> 5);
        var y0 = (int)(qy >> 5);
        var ax = (int)(qx & 31);
        var ay = (int)(qy & 31);
        if ((uint)x0 < (uint)(_side - 1) && (uint)y0 < (uint)(_side - 1))
        {
            // Interior: all four texels exist (the common case).
            var r0 = _ymap[y0] * _srcWidth;
            var r1 = _ymap[y0 + 1] * _srcWidth;
            var c0 = _xmap[x0];
            var c1 = _xmap[x0 + 1];
            var w00 = (32 - ax) * (32 - ay);
            var w01 = ax * (32 - ay);
            var w10 = (32 - ax) * ay;
            var w11 = ax * ay;
            var src = _src;
            var o00 = (r0 + c0) * 3;
            var o01 = (r0 + c1) * 3;
            var o10 = (r1 + c0) * 3;
            var o11 = (r1 + c1) * 3;
            return (
                (w00 * src[o00] + w01 * src[o01] + w10 * src[o10] + w11 * src[o11] + 512) >> 10,
                (w00 * src[o00 + 1] + w01 * src[o01 + 1] + w10 * src[o10 + 1] + w11 * src[o11 + 1] + 512) >> 10,
                (w00 * src[o00 + 2] + w01 * src[o01 + 2] + w10 * src[o10 + 2] + w11 * src[o11 + 2] + 512) >> 10);
        }
        if (x0 < -1 || y0 < -1 || x0 >= _side || y0 >= _side)
        {
            return (0, 0, 0);
        }
        int r = 0, g = 0, b = 0;
        for (var dy = 0; dy < 2; dy++)
        {
            for (var dx = 0; dx < 2; dx++)
            {
                var tx = x0 + dx;
                var ty = y0 + dy;
                if ((uint)tx >= (uint)_side || (uint)ty >= (uint)_side)
                {
                    continue;
                }
                var w = (dx == 0 ? 32 - ax : ax) * (dy == 0 ? 32 - ay : ay);
                var o = (_ymap[ty] * _srcWidth + _xmap[tx]) * 3;
                r += w * _src[o];
                g += w * _src[o + 1];
                b += w * _src[o + 2];
            }
        }
        return ((r + 512) >> 10, (g + 512) >> 10, (b + 512) >> 10);
    }
}

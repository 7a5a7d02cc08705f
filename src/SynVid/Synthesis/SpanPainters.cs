using SynVid.Video;

namespace SynVid.Synthesis;

/// <summary>Paints a run with one colour.</summary>
internal struct SolidPainter(byte r, byte g, byte b) : ISpanPainter
{
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
        Span<int> texel = stackalloc int[3];
        for (var k = 0; k < dst.Length; k += 3)
        {
            if (_bilinear)
            {
                SampleBilinear(ux, uy, texel);
            }
            else
            {
                SampleNearest(ux, uy, texel);
            }
            dst[k] = (byte)Math.Min(texel[0] + _tr, 255);
            dst[k + 1] = (byte)Math.Min(texel[1] + _tg, 255);
            dst[k + 2] = (byte)Math.Min(texel[2] + _tb, 255);
            ux += _ia;
            uy += _ic;
        }
    }

    private readonly void SampleNearest(double ux, double uy, Span<int> texel)
    {
        var tx = (int)Math.Floor(ux + 0.5);
        var ty = (int)Math.Floor(uy + 0.5);
        if ((uint)tx >= (uint)_side || (uint)ty >= (uint)_side)
        {
            texel.Clear();
            return;
        }
        var o = (_ymap[ty] * _srcWidth + _xmap[tx]) * 3;
        texel[0] = _src[o];
        texel[1] = _src[o + 1];
        texel[2] = _src[o + 2];
    }

    private readonly void SampleBilinear(double ux, double uy, Span<int> texel)
    {
        var fx0 = Math.Floor(ux);
        var fy0 = Math.Floor(uy);
        var x0 = (int)fx0;
        var y0 = (int)fy0;
        var fx = ux - fx0;
        var fy = uy - fy0;
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < _side && y0 + 1 < _side)
        {
            // Interior: all four texels exist (the common case).
            var r0 = _ymap[y0] * _srcWidth;
            var r1 = _ymap[y0 + 1] * _srcWidth;
            var c0 = _xmap[x0];
            var c1 = _xmap[x0 + 1];
            var o00 = (r0 + c0) * 3;
            var o01 = (r0 + c1) * 3;
            var o10 = (r1 + c0) * 3;
            var o11 = (r1 + c1) * 3;
            var w00 = (1 - fx) * (1 - fy);
            var w01 = fx * (1 - fy);
            var w10 = (1 - fx) * fy;
            var w11 = fx * fy;
            for (var c = 0; c < 3; c++)
            {
                texel[c] = (int)(w00 * _src[o00 + c] + w01 * _src[o01 + c] + w10 * _src[o10 + c] + w11 * _src[o11 + c] + 0.5);
            }
            return;
        }
        texel.Clear();
        if (x0 < -1 || y0 < -1 || x0 >= _side || y0 >= _side)
        {
            return;
        }
        Span<double> acc = stackalloc double[3];
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
                var w = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                var o = (_ymap[ty] * _srcWidth + _xmap[tx]) * 3;
                acc[0] += w * _src[o];
                acc[1] += w * _src[o + 1];
                acc[2] += w * _src[o + 2];
            }
        }
        for (var c = 0; c < 3; c++)
        {
            texel[c] = (int)(acc[c] + 0.5);
        }
    }
}

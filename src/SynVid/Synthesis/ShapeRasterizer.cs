using System.Runtime.CompilerServices;
namespace SynVid.Synthesis;

/// <summary>
/// Non-anti-aliased rasterisation of the reference shapes into integer spans (docs/reference-behaviour.md §2.4): a pixel (x, y) is
/// filled when the point (x, y) lies inside or on the shape, so integer vertices are included, as in a
/// non-anti-aliased polygon fill.
/// </summary>
internal static class ShapeRasterizer
{
    /// <summary>
    /// Fills a convex polygon with integer vertices (x0, y0, x1, y1, …) given in units of 1/<paramref name="unit"/>
    /// pixel (1 for the reference's integer vertices; 2 for the half-integer vertices of a supersampled grid).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillConvexPolygon<TPaint>(CoverageCanvas canvas, ReadOnlySpan<int> v, int n, int unit, ref TPaint paint)
        where TPaint : struct, ISpanPainter
    {
        var size = canvas.Size;
        int ymin = int.MaxValue, ymax = int.MinValue, xmin = int.MaxValue, xmax = int.MinValue;
        for (var k = 0; k < n; k++)
        {
            ymin = Math.Min(ymin, v[2 * k + 1]);
            ymax = Math.Max(ymax, v[2 * k + 1]);
            xmin = Math.Min(xmin, v[2 * k]);
            xmax = Math.Max(xmax, v[2 * k]);
        }
        if (FloorDiv(ymax, unit) < 0 || CeilDiv(ymin, unit) >= size || FloorDiv(xmax, unit) < 0 || CeilDiv(xmin, unit) >= size)
        {
            return;
        }
        var y0 = (int)Math.Max(CeilDiv(ymin, unit), 0);
        var y1 = (int)Math.Min(FloorDiv(ymax, unit), size - 1);
        for (var y = y0; y <= y1; y++)
        {
            if (!canvas.RowOpen(y))
            {
                continue;
            }
            var left = int.MaxValue;
            var right = int.MinValue;
            var row = (long)y * unit;
            for (var k = 0; k < n; k++)
            {
                var j = k + 1 == n ? 0 : k + 1;
                long ax = v[2 * k], ay = v[2 * k + 1], bx = v[2 * j], by = v[2 * j + 1];
                if (ay > by)
                {
                    (ax, ay, bx, by) = (bx, by, ax, ay);
                }
                if (row < ay || row > by)
                {
                    continue;
                }
                if (ay == by)
                {
                    left = (int)Math.Min(left, CeilDiv(Math.Min(ax, bx), unit));
                    right = (int)Math.Max(right, FloorDiv(Math.Max(ax, bx), unit));
                    continue;
                }
                // x = (ax + (row − ay)(bx − ax)/(by − ay)) / unit, exactly: ceil for the left bound, floor for the right.
                var num = ax * (by - ay) + (row - ay) * (bx - ax);
                var den = (by - ay) * unit;
                left = (int)Math.Min(left, CeilDiv(num, den));
                right = (int)Math.Max(right, FloorDiv(num, den));
            }
            ClaimClipped(canvas, y, left, right, ref paint);
        }
    }

    /// <summary>Fills the ellipse centre + M·(unit disk).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillEllipse<TPaint>(CoverageCanvas canvas, double cx, double cy, Matrix2 m, ref TPaint paint)
        where TPaint : struct, ISpanPainter
    {
        var size = canvas.Size;
        var inv = m.Inverse();
        if (inv is null)
        {
            // A degenerate ellipse still marks its centre, like a zero-axis ellipse in the reference.
            var px = (int)Math.Round(cx);
            var py = (int)Math.Round(cy);
            ClaimClipped(canvas, py, px, px, ref paint);
            return;
        }
        var i = inv.Value;
        // Quadratic form Q = M⁻ᵀM⁻¹ = [[a, b], [b, d]]: inside iff a·dx² + 2b·dx·dy + d·dy² ≤ 1.
        var a = i.A * i.A + i.C * i.C;
        var b = i.A * i.B + i.C * i.D;
        var d = i.B * i.B + i.D * i.D;
        var halfHeight = Math.Sqrt(m.C * m.C + m.D * m.D);
        const double eps = 1e-9;
        var y0 = Math.Max((int)Math.Ceiling(cy - halfHeight - eps), 0);
        var y1 = Math.Min((int)Math.Floor(cy + halfHeight + eps), size - 1);
        for (var y = y0; y <= y1; y++)
        {
            if (!canvas.RowOpen(y))
            {
                continue;
            }
            var dy = y - cy;
            var disc = b * b * dy * dy - a * (d * dy * dy - 1);
            if (disc < -eps)
            {
                continue;
            }
            var root = Math.Sqrt(Math.Max(disc, 0));
            var lo = (-b * dy - root) / a;
            var hi = (-b * dy + root) / a;
            var x0 = (int)Math.Ceiling(cx + lo - 1e-7);
            var x1 = (int)Math.Floor(cx + hi + 1e-7);
            ClaimClipped(canvas, y, x0, x1, ref paint);
        }
    }

    private static void ClaimClipped<TPaint>(CoverageCanvas canvas, int y, int x0, int x1, ref TPaint paint)
        where TPaint : struct, ISpanPainter
    {
        if (y < 0 || y >= canvas.Size)
        {
            return;
        }
        x0 = Math.Max(x0, 0);
        x1 = Math.Min(x1, canvas.Size - 1);
        if (x0 <= x1)
        {
            canvas.ClaimSpan(y, x0, x1, ref paint);
        }
    }

    private static long FloorDiv(long num, long den) => num >= 0 ? num / den : -((-num + den - 1) / den);

    private static long CeilDiv(long num, long den) => num >= 0 ? (num + den - 1) / den : -(-num / den);
}

using System.Runtime.CompilerServices;
using SynVid.Video;

namespace SynVid.Synthesis;

/// <summary>
/// A raster target painted front to back: each pixel is written by the first (topmost) shape that covers it and
/// never again, which gives exactly the painter's-order result while touching each pixel once. Spans are integer
/// pixel runs [x0, x1] on a row, already clipped to the canvas.
/// </summary>
internal sealed class CoverageCanvas
{
    private readonly byte[] _covered;
    private readonly int[] _rowRemaining;

    public CoverageCanvas(int size)
    {
        Size = size;
        _covered = new byte[size * size];
        _rowRemaining = new int[size];
    }

    public int Size { get; }

    /// <summary>Pixels not yet painted.</summary>
    public int Remaining { get; private set; }

    public byte[] Pixels { get; private set; } = [];

    public void Begin(RgbImage target)
    {
        if (target.Width != Size || target.Height != Size)
        {
            throw new ArgumentException($"target must be {Size}×{Size}", nameof(target));
        }
        Pixels = target.Pixels;
        Array.Clear(_covered);
        Array.Fill(_rowRemaining, Size);
        Remaining = Size * Size;
    }

    /// <summary>Whether row y still has uncovered pixels.</summary>
    public bool RowOpen(int y) => _rowRemaining[y] > 0;

    /// <summary>Whether any row in [y0, y1] (clipped) still has uncovered pixels.</summary>
    public bool AnyRowOpen(int y0, int y1)
    {
        y0 = Math.Max(y0, 0);
        y1 = Math.Min(y1, Size - 1);
        for (var y = y0; y <= y1; y++)
        {
            if (_rowRemaining[y] > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Claims the uncovered pixels of a span; calls <paramref name="paint"/> for each claimed run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ClaimSpan<TPaint>(int y, int x0, int x1, ref TPaint paint)
        where TPaint : struct, ISpanPainter
    {
        if (_rowRemaining[y] == 0)
        {
            return;
        }
        var row = y * Size;
        var covered = _covered.AsSpan(row + x0, x1 - x0 + 1);
        var x = 0;
        while (x < covered.Length)
        {
            // Skip covered pixels, then claim the next run of uncovered ones.
            var free = covered[x..].IndexOf((byte)0);
            if (free < 0)
            {
                return;
            }
            x += free;
            var run = covered[x..].IndexOf((byte)1);
            var len = run < 0 ? covered.Length - x : run;
            covered.Slice(x, len).Fill(1);
            paint.Paint(Pixels.AsSpan((row + x0 + x) * 3, len * 3), y, x0 + x);
            Remaining -= len;
            _rowRemaining[y] -= len;
            x += len;
        }
    }

    /// <summary>Paints every still-uncovered pixel with the painter (the background).</summary>
    public void FillRemaining<TPaint>(ref TPaint paint)
        where TPaint : struct, ISpanPainter
    {
        for (var y = 0; y < Size && Remaining > 0; y++)
        {
            ClaimSpan(y, 0, Size - 1, ref paint);
        }
    }
}

/// <summary>Writes a run of pixels (interleaved RGB bytes) that starts at canvas pixel (x, y).</summary>
internal interface ISpanPainter
{
    void Paint(Span<byte> run, int y, int x);
}

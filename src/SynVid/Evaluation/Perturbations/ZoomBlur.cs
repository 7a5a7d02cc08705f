using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>zoom_blur</c> (Figure 3 "zoom"): the mean of the frame and its centre zooms by each factor of the severity's
/// range (docs/reference-behaviour.md §6.2). A zoom crops the centre ⌈h/z⌉ × ⌈w/z⌉, scales it by z with bilinear interpolation
/// (SciPy's order-1 zoom: output size round(n·z), corner-aligned sampling), and trims the centre back to h × w.
/// Arithmetic is single precision like the reference's float32 arrays. The reference uses the frame height for
/// both axes (square frames); here each axis uses its own size, which is the same on square frames.
/// </summary>
public sealed class ZoomBlur : ISpatialPerturbation
{
    /// <summary>(start, stop, step) of NumPy's <c>arange</c> of zoom factors for severity 1..5 (docs/reference-behaviour.md §6.2).</summary>
    public static IReadOnlyList<(double Start, double Stop, double Step)> Ranges { get; } =
        [(1, 1.11, 0.01), (1, 1.16, 0.01), (1, 1.21, 0.02), (1, 1.26, 0.02), (1, 1.31, 0.03)];

    /// <inheritdoc/>
    public string Key => "zoom_blur";

    /// <inheritdoc/>
    public string Label => "zoom";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Blur;

    /// <inheritdoc/>
    public int SeverityCount => Ranges.Count;

    /// <summary>The zoom factors of a severity, computed exactly as NumPy's <c>arange</c> (1 is included).</summary>
    public static double[] Factors(int severity)
    {
        var (start, stop, step) = Ranges[severity - 1];
        var length = (int)Math.Ceiling((stop - start) / step);
        var values = new double[length];
        values[0] = start;
        // NumPy fills start + i·δ with δ = (start + step) − start.
        var delta = start + step - start;
        for (var i = 1; i < length; i++)
        {
            values[i] = start + i * delta;
        }
        return values;
    }

    /// <inheritdoc/>
    public RgbImage[] Apply(IReadOnlyList<RgbImage> frames, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        PerturbationGuards.CheckFrames(frames);
        var factors = Factors(severity);
        int w = frames[0].Width, h = frames[0].Height;
        var plans = factors.Select(z => (Rows: AxisPlan.For(h, z), Columns: AxisPlan.For(w, z))).ToArray();
        return FrameMapping.MapFrames(frames, random, (frame, _) => Blur(frame, plans));
    }

    private static RgbImage Blur(RgbImage frame, (AxisPlan Rows, AxisPlan Columns)[] plans)
    {
        int w = frame.Width, h = frame.Height;
        var src = frame.Pixels;
        var x = new float[src.Length];
        for (var i = 0; i < src.Length; i++)
        {
            x[i] = (float)(src[i] / 255.0);
        }
        var sum = new float[src.Length];
        var rowStride = w * 3;
        // Horizontally interpolated source rows (double, as SciPy computes), each computed once per zoom factor.
        var horizontal = new double[h * rowStride];
        var done = new bool[h];
        foreach (var (rows, cols) in plans)
        {
            Array.Clear(done);
            for (var oy = 0; oy < h; oy++)
            {
                var (y0, wy) = (rows.Index[oy], rows.Weight[oy]);
                var y1 = Math.Min(y0 + 1, h - 1);
                InterpolateRow(x, y0, w, cols, horizontal, done);
                InterpolateRow(x, y1, w, cols, horizontal, done);
                var top = horizontal.AsSpan(y0 * rowStride, rowStride);
                var bottom = horizontal.AsSpan(y1 * rowStride, rowStride);
                var accumulated = sum.AsSpan(oy * rowStride, rowStride);
                for (var i = 0; i < rowStride; i++)
                {
                    accumulated[i] += (float)((1 - wy) * top[i] + wy * bottom[i]);
                }
            }
        }
        var divisor = (float)(plans.Length + 1);
        var output = new byte[src.Length];
        for (var i = 0; i < output.Length; i++)
        {
            var v = (x[i] + sum[i]) / divisor;
            v = Math.Clamp(v, 0f, 1f) * 255f;
            output[i] = (byte)v;
        }
        return new RgbImage(w, h, output);
    }

    private static void InterpolateRow(float[] x, int row, int w, AxisPlan cols, double[] horizontal, bool[] done)
    {
        if (done[row])
        {
            return;
        }
        done[row] = true;
        var source = x.AsSpan(row * w * 3, w * 3);
        var target = horizontal.AsSpan(row * w * 3, w * 3);
        for (var ox = 0; ox < w; ox++)
        {
            var (x0, wx) = (cols.Index[ox], cols.Weight[ox]);
            var x1 = Math.Min(x0 + 1, w - 1);
            for (var c = 0; c < 3; c++)
            {
                target[ox * 3 + c] = (1 - wx) * source[x0 * 3 + c] + wx * source[x1 * 3 + c];
            }
        }
    }

    /// <summary>For one axis and zoom factor: the source index and weight of the next sample, per output position.</summary>
    private sealed record AxisPlan(int[] Index, double[] Weight)
    {
        internal static AxisPlan For(int n, double zoom)
        {
            var crop = (int)Math.Ceiling(n / zoom);
            var offset = (n - crop) / 2;
            var zoomed = (int)Math.Round(crop * zoom, MidpointRounding.ToEven);
            var trim = (zoomed - n) / 2;
            // SciPy maps output j to input j·(in − 1)/(out − 1) when grid_mode is off.
            var scale = zoomed > 1 ? (double)(crop - 1) / (zoomed - 1) : 1.0;
            var index = new int[n];
            var weight = new double[n];
            for (var j = 0; j < n; j++)
            {
                var cc = (j + trim) * scale;
                var start = (int)Math.Floor(cc);
                var t = cc - start;
                if (start >= crop - 1)
                {
                    // At (or rounding past) the last input sample the second tap has no weight.
                    start = crop - 1;
                    t = 0;
                }
                index[j] = offset + start;
                weight[j] = t;
            }
            return new AxisPlan(index, weight);
        }
    }
}

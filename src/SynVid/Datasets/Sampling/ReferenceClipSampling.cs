namespace SynVid.Datasets.Sampling;

/// <summary>
/// Temporal clip sampling of the reference fine-tuning loader (docs/reference-behaviour.md §5.3; VideoMAE's video classification
/// dataset with one segment), as pure functions of the video length and the drawn values.
/// </summary>
public static class ReferenceClipSampling
{
    /// <summary>
    /// The window of a training or validation clip: for T &gt; L = clipLength·stride, end ~ U{L..T−1} (drawn from
    /// <paramref name="rng"/>) and <see cref="WindowIndices"/>; otherwise <see cref="ShortVideoIndices"/>.
    /// </summary>
    public static int[] TrainIndices(int videoLength, int clipLength, int stride, Random rng)
    {
        var span = clipLength * stride;
        return videoLength > span
            ? WindowIndices(clipLength, stride, rng.Next(span, videoLength))
            : ShortVideoIndices(videoLength, clipLength, stride);
    }

    /// <summary>
    /// Frames of the window ending at <paramref name="end"/>: start = end − L, ⌊linspace(start, end, clipLength)⌋
    /// clipped to end − 1 (the step is L/(clipLength − 1), ≈ 4.27 at stride 4).
    /// </summary>
    public static int[] WindowIndices(int clipLength, int stride, int end)
    {
        var start = end - clipLength * stride;
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        return Linspace(start, end, clipLength).Select(v => (int)Math.Min(v, end - 1)).ToArray();
    }

    /// <summary>
    /// Frames of a video no longer than the window: ⌊linspace(0, T, ⌊T/stride⌋)⌋, padded with T to
    /// <paramref name="clipLength"/> entries, all clipped to T − 1.
    /// </summary>
    public static int[] ShortVideoIndices(int videoLength, int clipLength, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(videoLength, 1);
        var n = videoLength / stride;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, clipLength);
        return Linspace(0, videoLength, n)
            .Concat(Enumerable.Repeat((double)videoLength, clipLength - n))
            .Select(v => (int)Math.Clamp(v, 0, videoLength - 1))
            .ToArray();
    }

    /// <summary>
    /// The buffer multi-view testing cuts clips from: every <paramref name="stride"/>-th frame, padded with the last
    /// one to at least <paramref name="clipLength"/> frames.
    /// </summary>
    public static int[] TestBufferIndices(int videoLength, int clipLength, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(videoLength, 1);
        var ids = new List<int>();
        for (var i = 0; i < videoLength; i += stride)
        {
            ids.Add(i);
        }
        while (ids.Count < clipLength)
        {
            ids.Add(ids[^1]);
        }
        return ids.ToArray();
    }

    /// <summary>
    /// Start of test clip <paramref name="clip"/> in the strided buffer: ⌊k·max((T_s − clipLength)/(n − 1), 0)⌋.
    /// With one clip (where the reference divides by zero) the clip is centred.
    /// </summary>
    public static int TestClipStart(int bufferLength, int clipLength, int clip, int clipCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clipCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(clip);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(clip, clipCount);
        if (clipCount == 1)
        {
            return Math.Max(0, (bufferLength - clipLength) / 2);
        }
        var step = Math.Max(1.0 * (bufferLength - clipLength) / (clipCount - 1), 0);
        return (int)(clip * step);
    }

    // numpy.linspace with endpoint: start + i·((stop − start)/(n − 1)), the last value exactly stop.
    private static double[] Linspace(double start, double stop, int n)
    {
        var values = new double[n];
        if (n == 1)
        {
            values[0] = start;
        }
        else if (n > 1)
        {
            var step = (stop - start) / (n - 1);
            for (var i = 0; i < n; i++)
            {
                values[i] = i * step + start;
            }
            values[^1] = stop;
        }
        return values;
    }
}

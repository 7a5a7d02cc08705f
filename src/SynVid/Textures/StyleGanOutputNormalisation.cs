namespace SynVid.Textures;

/// <summary>
/// [B]'s <c>tensor_to_uint8_norm</c> (docs/reference-textures.md §2.2): each channel is standardised and given a random mean and
/// standard deviation drawn around natural-image colour statistics, then clipped to [0, 1] and truncated to 8 bits.
/// </summary>
public sealed record StyleGanOutputNormalisation(double[] Means, double[] Stds)
{
    private static readonly (double Mean, double MeanStd, double Std, double StdStd)[] _channel =
    [
        (0.483, 0.145, 0.219, 0.063),
        (0.455, 0.142, 0.213, 0.062),
        (0.401, 0.161, 0.213, 0.069),
    ];

    /// <summary>Draws the target moments (R mean, R std, G mean, …).</summary>
    public static StyleGanOutputNormalisation Sample(TextureRng rng)
    {
        var means = new double[3];
        var stds = new double[3];
        for (var c = 0; c < 3; c++)
        {
            means[c] = rng.Normal(_channel[c].Mean, _channel[c].MeanStd);
            stds[c] = rng.Normal(_channel[c].Std, _channel[c].StdStd);
        }
        return new StyleGanOutputNormalisation(means, stds);
    }

    /// <summary>
    /// Converts channel-major planes [3, n, n] to 8-bit RGB. Each channel is standardised by <paramref name="reference"/>
    /// moments when given (a video's first frame, so frames do not flicker), else by its own.
    /// </summary>
    public Video.RgbImage Apply(float[] planes, int n, (double Mean, double Std)[]? reference = null)
    {
        var plane = n * n;
        var pixels = new byte[3 * plane];
        for (var c = 0; c < 3; c++)
        {
            var span = planes.AsSpan(c * plane, plane);
            var (mean, std) = reference?[c] ?? HistogramMatching.Moments(span);
            var gain = std > 0 ? Stds[c] / std : 0;
            for (var p = 0; p < plane; p++)
            {
                var v = (span[p] - mean) * gain + Means[c];
                pixels[p * 3 + c] = (byte)(Math.Clamp(v, 0, 1) * 255);
            }
        }
        return new Video.RgbImage(n, n, pixels);
    }
}

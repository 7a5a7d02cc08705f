using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>shot_noise</c> (Figure 3 "shot"): Poisson(x·c)/c per channel value, x ∈ [0, 1], quantised as
/// ⌊clip(·, 0, 1)·255⌋ (REFERENCE.md §6.2). Inputs are 8-bit, so there are only 256 rates: the Poisson draw is an
/// exact inversion of each rate's cumulative distribution, tabulated once per call.
/// </summary>
public sealed class ShotNoise : ISpatialPerturbation
{
    /// <summary>Photon count scale c for severity 1..5 (REFERENCE.md §6.2); lower is noisier.</summary>
    public static IReadOnlyList<double> Scales { get; } = [250, 100, 50, 30, 15];

    /// <inheritdoc/>
    public string Key => "shot_noise";

    /// <inheritdoc/>
    public string Label => "shot";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Noise;

    /// <inheritdoc/>
    public int SeverityCount => Scales.Count;

    /// <inheritdoc/>
    public RgbImage[] Apply(IReadOnlyList<RgbImage> frames, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        var c = Scales[severity - 1];
        var cdfs = new double[256][];
        for (var v = 0; v < 256; v++)
        {
            cdfs[v] = PoissonCdf(v / 255.0 * c);
        }
        return FrameMapping.MapFrames(frames, random, (frame, r) =>
        {
            var src = frame.Pixels;
            var output = new byte[src.Length];
            for (var i = 0; i < src.Length; i++)
            {
                var k = SampleIndex(cdfs[src[i]], r.NextDouble());
                output[i] = FrameMapping.Quantise(k / c);
            }
            return new RgbImage(frame.Width, frame.Height, output);
        });
    }

    /// <summary>P(K ≤ k) for k = 0.. until the remaining tail is below double resolution; the last entry is 1.</summary>
    internal static double[] PoissonCdf(double lambda)
    {
        var cdf = new List<double>();
        var pmf = Math.Exp(-lambda);
        var total = 0.0;
        var limit = (int)Math.Ceiling(lambda + 15 * Math.Sqrt(lambda) + 20);
        for (var k = 0; k <= limit; k++)
        {
            total += pmf;
            cdf.Add(total);
            pmf *= lambda / (k + 1);
        }
        cdf[^1] = 1.0;
        return [.. cdf];
    }

    /// <summary>The smallest k with u &lt; cdf[k].</summary>
    private static int SampleIndex(double[] cdf, double u)
    {
        int lo = 0, hi = cdf.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (u < cdf[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }
}

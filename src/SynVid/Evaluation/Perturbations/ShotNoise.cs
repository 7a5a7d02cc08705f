using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>shot_noise</c> (Figure 3 "shot"): Poisson(x·c)/c per channel value, x ∈ [0, 1], quantised as
/// ⌊clip(·, 0, 1)·255⌋ (docs/reference-behaviour.md §6.2). Inputs are 8-bit, so there are only 256 rates: the Poisson draw is an
/// exact inversion of each rate's cumulative distribution, tabulated once per call.
/// </summary>
public sealed class ShotNoise : ISpatialPerturbation
{
    /// <summary>Photon count scale c for severity 1..5 (docs/reference-behaviour.md §6.2); lower is noisier.</summary>
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
        var tables = new InversionTable[256];
        for (var v = 0; v < 256; v++)
        {
            tables[v] = new InversionTable(PoissonCdf(v / 255.0 * c));
        }
        return FrameMapping.MapFrames(frames, random, (frame, r) =>
        {
            var src = frame.Pixels;
            var output = new byte[src.Length];
            for (var i = 0; i < src.Length; i++)
            {
                var k = tables[src[i]].Sample(r.NextDouble());
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

    /// <summary>
    /// Inversion sampling of a discrete distribution: the smallest k with u &lt; cdf[k], started from a guide table
    /// (one entry per 1/n of probability, n = table length) so a draw takes about two comparisons.
    /// </summary>
    private sealed class InversionTable
    {
        private readonly double[] _cdf;
        private readonly int[] _guide;

        internal InversionTable(double[] cdf)
        {
            _cdf = cdf;
            _guide = new int[cdf.Length];
            var k = 0;
            for (var j = 0; j < _guide.Length; j++)
            {
                // Smallest k with cdf[k] > j/n: no u in [j/n, (j+1)/n) maps below it.
                var threshold = (double)j / _guide.Length;
                while (_cdf[k] <= threshold)
                {
                    k++;
                }
                _guide[j] = k;
            }
        }

        internal int Sample(double u)
        {
            var k = _guide[(int)(u * _guide.Length)];
            while (u >= _cdf[k])
            {
                k++;
            }
            return k;
        }
    }
}

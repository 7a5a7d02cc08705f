using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>glass_blur</c> (docs/reference-behaviour.md §6.2): Gaussian blur σ, quantised to uint8; then, <c>it</c> times, every pixel
/// scanned from (H − δ, W − δ) down to (δ + 1, δ + 1) takes the colour of a random neighbour at offset
/// (dy, dx) ∈ [−δ, δ − 1]²; then Gaussian blur σ again and ⌊clip·255⌋.
/// <para>
/// The reference writes the step as a NumPy tuple swap of two pixel views, which actually copies the neighbour
/// into the pixel and leaves the neighbour unchanged; that measured behaviour is the default. The reference loops
/// over a hard-coded 224 grid; here the loop bounds follow the frame size (identical at 224²). The Gaussian is
/// scikit-image's: SciPy's separable filter, radius ⌊4σ + ½⌋, edge pixels repeated.
/// </para>
/// </summary>
public sealed class GlassBlur : ISpatialPerturbation
{
    /// <summary>(σ, δ, iterations) for severity 1..5 (docs/reference-behaviour.md §6.2).</summary>
    public static IReadOnlyList<(double Sigma, int Delta, int Iterations)> Levels { get; } =
        [(0.7, 1, 2), (0.9, 2, 1), (1, 2, 3), (1.1, 3, 2), (1.5, 4, 2)];

    /// <summary>Creates the perturbation; <paramref name="trueSwap"/> exchanges the two pixels instead of the reference's copy.</summary>
    public GlassBlur(bool trueSwap = false) => TrueSwap = trueSwap;

    /// <summary>Whether the local shuffle exchanges pixels (the stated intent) rather than copying (the reference's behaviour).</summary>
    public bool TrueSwap { get; }

    /// <inheritdoc/>
    public string Key => "glass_blur";

    /// <inheritdoc/>
    public string Label => "glass";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Blur;

    /// <inheritdoc/>
    public int SeverityCount => Levels.Count;

    /// <inheritdoc/>
    public RgbImage[] Apply(IReadOnlyList<RgbImage> frames, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        var (sigma, delta, iterations) = Levels[severity - 1];
        var weights = GaussianWeights(sigma);
        return FrameMapping.MapFrames(frames, random, (frame, r) =>
        {
            int w = frame.Width, h = frame.Height;
            var blurred = GaussianFilter(frame.Pixels, w, h, weights, 255.0);
            var x = new byte[blurred.Length];
            for (var i = 0; i < x.Length; i++)
            {
                // np.uint8(v · 255) truncates; v is already within [0, 1].
                x[i] = (byte)(blurred[i] * 255);
            }
            for (var it = 0; it < iterations; it++)
            {
                for (var py = h - delta; py > delta; py--)
                {
                    for (var px = w - delta; px > delta; px--)
                    {
                        var dx = r.NextInt(-delta, delta - 1);
                        var dy = r.NextInt(-delta, delta - 1);
                        int a = (py * w + px) * 3, b = ((py + dy) * w + px + dx) * 3;
                        for (var c = 0; c < 3; c++)
                        {
                            var pixel = x[a + c];
                            x[a + c] = x[b + c];
                            if (TrueSwap)
                            {
                                x[b + c] = pixel;
                            }
                        }
                    }
                }
            }
            var final = GaussianFilter(x, w, h, weights, 255.0);
            var output = new byte[final.Length];
            for (var i = 0; i < output.Length; i++)
            {
                output[i] = FrameMapping.Quantise(final[i]);
            }
            return new RgbImage(w, h, output);
        });
    }

    /// <summary>SciPy's <c>gaussian_filter1d</c> weights: radius ⌊4σ + ½⌋, exp(−x²/2σ²) normalised.</summary>
    internal static double[] GaussianWeights(double sigma)
    {
        var radius = (int)(4.0 * sigma + 0.5);
        var weights = new double[2 * radius + 1];
        var sum = 0.0;
        for (var i = -radius; i <= radius; i++)
        {
            weights[i + radius] = Math.Exp(-0.5 * i * i / (sigma * sigma));
            sum += weights[i + radius];
        }
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] /= sum;
        }
        return weights;
    }

    /// <summary>Separable Gaussian over rows then columns of each channel of x / divisor, edge pixels repeated.</summary>
    internal static double[] GaussianFilter(byte[] rgb, int w, int h, double[] weights, double divisor)
    {
        var radius = weights.Length / 2;
        var rows = new double[rgb.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var s = 0.0;
                    for (var k = -radius; k <= radius; k++)
                    {
                        var sy = Math.Clamp(y + k, 0, h - 1);
                        s += weights[k + radius] * (rgb[(sy * w + x) * 3 + c] / divisor);
                    }
                    rows[(y * w + x) * 3 + c] = s;
                }
            }
        }
        var result = new double[rgb.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var s = 0.0;
                    for (var k = -radius; k <= radius; k++)
                    {
                        var sx = Math.Clamp(x + k, 0, w - 1);
                        s += weights[k + radius] * rows[(y * w + sx) * 3 + c];
                    }
                    result[(y * w + x) * 3 + c] = s;
                }
            }
        }
        return result;
    }
}

using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>defocus_blur</c> (Figure 3 "defocus"): each channel is filtered with a normalised disk kernel, anti-aliased by a
/// small Gaussian, with a reflect-101 border (docs/reference-behaviour.md §6.2; the reference uses OpenCV).
/// </summary>
public sealed class DefocusBlur : ISpatialPerturbation
{
    /// <summary>(disk radius ρ, anti-alias σ) for severity 1..5 (docs/reference-behaviour.md §6.2).</summary>
    public static IReadOnlyList<(int Radius, double AliasSigma)> Levels { get; } =
        [(3, 0.1), (4, 0.5), (6, 0.5), (8, 0.5), (10, 0.5)];

    /// <inheritdoc/>
    public string Key => "defocus_blur";

    /// <inheritdoc/>
    public string Label => "defocus";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Blur;

    /// <inheritdoc/>
    public int SeverityCount => Levels.Count;

    /// <inheritdoc/>
    public RgbImage[] Apply(IReadOnlyList<RgbImage> frames, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        var (radius, sigma) = Levels[severity - 1];
        var kernel = DiskKernel(radius, sigma, out var kernelRadius);
        var taps = PlaneFilter.Taps(kernel, kernelRadius);
        return FrameMapping.MapFrames(frames, random, (frame, _) => Blur(frame, taps, kernelRadius));
    }

    /// <summary>
    /// The disk kernel, row-major, of side 2·<paramref name="kernelRadius"/> + 1: an indicator of x² + y² ≤ ρ² on the
    /// grid ±8 (±ρ when ρ &gt; 8), normalised, then blurred by a 3×3 (5×5 when ρ &gt; 8) Gaussian of σ = alias with a
    /// reflect-101 border. Computed in single precision like the reference (float32 arrays, OpenCV's float path).
    /// </summary>
    public static double[] DiskKernel(int radius, double aliasSigma, out int kernelRadius)
    {
        kernelRadius = radius <= 8 ? 8 : radius;
        var gaussianSize = radius <= 8 ? 3 : 5;
        var n = 2 * kernelRadius + 1;
        var disk = new float[n * n];
        var count = 0;
        for (var y = -kernelRadius; y <= kernelRadius; y++)
        {
            for (var x = -kernelRadius; x <= kernelRadius; x++)
            {
                if (x * x + y * y <= radius * radius)
                {
                    disk[(y + kernelRadius) * n + x + kernelRadius] = 1f;
                    count++;
                }
            }
        }
        var norm = (float)count;
        for (var i = 0; i < disk.Length; i++)
        {
            disk[i] /= norm;
        }
        var g = GaussianKernel1D(gaussianSize, aliasSigma);
        var rows = SymmetricPass(disk, n, g, horizontal: true);
        var both = SymmetricPass(rows, n, g, horizontal: false);
        return [.. both.Select(v => (double)v)];
    }

    /// <summary>OpenCV's Gaussian taps exp(−i²/2σ²), normalised in double, stored as float.</summary>
    private static float[] GaussianKernel1D(int size, double sigma)
    {
        var half = size / 2;
        var values = new double[size];
        var sum = 0.0;
        for (var i = 0; i < size; i++)
        {
            var x = i - half;
            values[i] = Math.Exp(-(x * x) / (2 * sigma * sigma));
            sum += values[i];
        }
        return [.. values.Select(v => (float)(v / sum))];
    }

    /// <summary>One pass of a symmetric separable filter in float, grouping mirrored taps like OpenCV's symmetric filters.</summary>
    private static float[] SymmetricPass(float[] image, int n, float[] g, bool horizontal)
    {
        var half = g.Length / 2;
        var result = new float[image.Length];
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                float At(int offset) => horizontal
                    ? image[y * n + PlaneFilter.Reflect101(x + offset, n)]
                    : image[PlaneFilter.Reflect101(y + offset, n) * n + x];
                var s = At(0) * g[half];
                for (var k = 1; k <= half; k++)
                {
                    s += (At(-k) + At(k)) * g[half + k];
                }
                result[y * n + x] = s;
            }
        }
        return result;
    }

    private static RgbImage Blur(RgbImage frame, PlaneFilter.Tap[] taps, int radius)
    {
        int w = frame.Width, h = frame.Height;
        var output = new byte[w * h * 3];
        var plane = new double[w * h];
        for (var c = 0; c < 3; c++)
        {
            PlaneFilter.CorrelateChannel(frame.Pixels, w, h, c, 255.0, taps, radius, plane);
            for (var i = 0; i < plane.Length; i++)
            {
                output[i * 3 + c] = FrameMapping.Quantise(plane[i]);
            }
        }
        return new RgbImage(w, h, output);
    }
}

using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>motion_blur</c>: ImageMagick's motion blur (docs/reference-behaviour.md §6.2), re-implemented. For radius r and σ the kernel
/// has 2⌈r⌉ + 1 taps with weights exp(−i²/2σ²), i = 0.., normalised: a one-sided Gaussian along the direction at
/// the frame's angle θ ~ U(−45°, 45°). Tap i reads the pixel at (x + ⌈i·cos θ − ½⌉, y + ⌈i·sin θ − ½⌉), with
/// edge pixels repeated beyond the border (ImageMagick's default virtual pixels). The sum is taken at 16 bits per
/// channel (8-bit value × 257) and scaled back to 8 bits with rounding, as ImageMagick's Q16 build does.
/// </summary>
public sealed class MotionBlur : ISpatialPerturbation
{
    /// <summary>(radius, σ) for severity 1..5 (docs/reference-behaviour.md §6.2).</summary>
    public static IReadOnlyList<(double Radius, double Sigma)> Levels { get; } =
        [(10, 3), (15, 5), (15, 8), (15, 12), (20, 15)];

    /// <inheritdoc/>
    public string Key => "motion_blur";

    /// <inheritdoc/>
    public string Label => "motion";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Blur;

    /// <inheritdoc/>
    public int SeverityCount => Levels.Count;

    /// <inheritdoc/>
    public RgbImage[] Apply(IReadOnlyList<RgbImage> frames, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        var (radius, sigma) = Levels[severity - 1];
        return FrameMapping.MapFrames(frames, random, (frame, r) => Blur(frame, radius, sigma, r.NextUniform(-45, 45)));
    }

    /// <summary>One tap of the motion kernel: pixel offset and normalised weight.</summary>
    public readonly record struct Tap(int Dx, int Dy, double Weight);

    /// <summary>ImageMagick's motion-blur taps for a radius, σ and angle in degrees.</summary>
    public static Tap[] Kernel(double radius, double sigma, double angleDegrees)
    {
        var width = (int)(2 * Math.Ceiling(radius) + 1);
        var theta = angleDegrees * Math.PI / 180.0;
        // ImageMagick forms point = width·(sin θ, cos θ) and divides by its length; this is (cos θ, sin θ) per tap.
        double px = width * Math.Sin(theta), py = width * Math.Cos(theta);
        var length = Math.Sqrt(px * px + py * py);
        var weights = new double[width];
        var sum = 0.0;
        for (var i = 0; i < width; i++)
        {
            weights[i] = Math.Exp(-(double)i * i / (2 * sigma * sigma)) / (Math.Sqrt(2 * Math.PI) * sigma);
            sum += weights[i];
        }
        var taps = new Tap[width];
        for (var i = 0; i < width; i++)
        {
            taps[i] = new Tap((int)Math.Ceiling(i * py / length - 0.5), (int)Math.Ceiling(i * px / length - 0.5), weights[i] / sum);
        }
        return taps;
    }

    /// <summary>Blurs one frame along <paramref name="angleDegrees"/>.</summary>
    public static RgbImage Blur(RgbImage frame, double radius, double sigma, double angleDegrees)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var taps = Kernel(radius, sigma, angleDegrees);
        int w = frame.Width, h = frame.Height;
        var src = frame.Pixels;
        var output = new byte[src.Length];
        Span<double> acc = stackalloc double[3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                acc.Clear();
                foreach (var tap in taps)
                {
                    var sx = Math.Clamp(x + tap.Dx, 0, w - 1);
                    var sy = Math.Clamp(y + tap.Dy, 0, h - 1);
                    var s = (sy * w + sx) * 3;
                    acc[0] += tap.Weight * src[s];
                    acc[1] += tap.Weight * src[s + 1];
                    acc[2] += tap.Weight * src[s + 2];
                }
                var o = (y * w + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    var q16 = Math.Clamp(acc[c] * 257.0, 0, 65535);
                    output[o + c] = (byte)((q16 + 128.0) / 257.0);
                }
            }
        }
        return new RgbImage(w, h, output);
    }
}

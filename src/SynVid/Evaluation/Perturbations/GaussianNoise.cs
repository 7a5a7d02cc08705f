using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>gaussian_noise</c> (Figure 3 "gauss"): x + N(0, c²) per channel value, x ∈ [0, 1], quantised as
/// ⌊clip(·, 0, 1)·255⌋ (docs/reference-behaviour.md §6.2).
/// </summary>
public sealed class GaussianNoise : ISpatialPerturbation
{
    /// <summary>Noise standard deviation c for severity 1..5 (docs/reference-behaviour.md §6.2).</summary>
    public static IReadOnlyList<double> Sigmas { get; } = [0.08, 0.12, 0.18, 0.26, 0.38];

    /// <inheritdoc/>
    public string Key => "gaussian_noise";

    /// <inheritdoc/>
    public string Label => "gauss";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Noise;

    /// <inheritdoc/>
    public int SeverityCount => Sigmas.Count;

    /// <inheritdoc/>
    public RgbImage[] Apply(IReadOnlyList<RgbImage> frames, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        var c = Sigmas[severity - 1];
        return FrameMapping.MapFrames(frames, random, (frame, r) =>
        {
            var src = frame.Pixels;
            var output = new byte[src.Length];
            for (var i = 0; i < src.Length; i++)
            {
                output[i] = FrameMapping.Quantise(src[i] / 255.0 + c * r.NextGaussian());
            }
            return new RgbImage(frame.Width, frame.Height, output);
        });
    }
}

using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>speckle_noise</c> (Figure 3 "speckle"): multiplicative noise x + x·N(0, c²), x ∈ [0, 1], quantised as
/// ⌊clip(·, 0, 1)·255⌋ (docs/reference-behaviour.md §6.2).
/// </summary>
public sealed class SpeckleNoise : ISpatialPerturbation
{
    /// <summary>Noise standard deviation c for severity 1..5 (docs/reference-behaviour.md §6.2).</summary>
    public static IReadOnlyList<double> Sigmas { get; } = [0.15, 0.20, 0.25, 0.30, 0.35];

    /// <inheritdoc/>
    public string Key => "speckle_noise";

    /// <inheritdoc/>
    public string Label => "speckle";

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
                var x = src[i] / 255.0;
                output[i] = FrameMapping.Quantise(x + x * c * r.NextGaussian());
            }
            return new RgbImage(frame.Width, frame.Height, output);
        });
    }
}

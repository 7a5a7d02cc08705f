using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>impulse_noise</c> (Figure 3 "impulse"): salt-and-pepper noise as scikit-image's <c>random_noise(mode='s&amp;p')</c>
/// draws it: each channel value independently becomes, with probability c, white (255) or black (0) with equal odds
/// (docs/reference-behaviour.md §6.2).
/// </summary>
public sealed class ImpulseNoise : ISpatialPerturbation
{
    /// <summary>Fraction c of channel values replaced, for severity 1..5 (docs/reference-behaviour.md §6.2).</summary>
    public static IReadOnlyList<double> Amounts { get; } = [0.03, 0.06, 0.09, 0.17, 0.27];

    /// <inheritdoc/>
    public string Key => "impulse_noise";

    /// <inheritdoc/>
    public string Label => "impulse";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Noise;

    /// <inheritdoc/>
    public int SeverityCount => Amounts.Count;

    /// <inheritdoc/>
    public RgbImage[] Apply(IReadOnlyList<RgbImage> frames, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        var amount = Amounts[severity - 1];
        return FrameMapping.MapFrames(frames, random, (frame, r) =>
        {
            var src = frame.Pixels;
            var output = new byte[src.Length];
            for (var i = 0; i < src.Length; i++)
            {
                var u = r.NextDouble();
                // u < amount flips the value; its lower half is salt, its upper half pepper.
                output[i] = u >= amount ? FrameMapping.Quantise(src[i] / 255.0) : u < amount / 2 ? (byte)255 : (byte)0;
            }
            return new RgbImage(frame.Width, frame.Height, output);
        });
    }
}

using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>rotate</c> (Figure 3 "rotate"): each frame rotated by its own integer angle drawn from U{−(6s+1)..6s+1}°,
/// counter-clockwise, nearest neighbour, black fill (docs/reference-behaviour.md §6.2).
/// </summary>
public sealed class Rotate : ISpatialPerturbation
{
    /// <inheritdoc/>
    public string Key => "rotate";

    /// <inheritdoc/>
    public string Label => "rotate";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Camera;

    /// <inheritdoc/>
    public int SeverityCount => 5;

    /// <summary>Largest absolute angle in degrees at a severity: 7, 13, 19, 25, 31.</summary>
    public static int MaxAngle(int severity) => 6 * severity + 1;

    /// <inheritdoc/>
    public RgbImage[] Apply(IReadOnlyList<RgbImage> frames, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        var max = MaxAngle(severity);
        return FrameMapping.MapFrames(frames, random, (frame, r) => NearestRotation.Rotate(frame, r.NextInt(-max, max)));
    }
}

using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>static_rotate</c> (Figure 3 "img rotate"): every frame rotated counter-clockwise by one fixed angle, nearest
/// neighbour, black fill (docs/reference-behaviour.md §6.2). Severity 6 (180°) is the reference's extra level outside [S]'s 1..5.
/// </summary>
public sealed class StaticRotate : ISpatialPerturbation
{
    /// <summary>Angle in degrees for severity 1..6 (docs/reference-behaviour.md §6.2).</summary>
    public static IReadOnlyList<double> Angles { get; } = [7.5, 15, 30, 45, 90, 180];

    /// <inheritdoc/>
    public string Key => "static_rotate";

    /// <inheritdoc/>
    public string Label => "img rotate";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Camera;

    /// <inheritdoc/>
    public int SeverityCount => Angles.Count;

    /// <inheritdoc/>
    public RgbImage[] Apply(IReadOnlyList<RgbImage> frames, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        var angle = Angles[severity - 1];
        return FrameMapping.MapFrames(frames, random, (frame, _) => NearestRotation.Rotate(frame, angle));
    }
}

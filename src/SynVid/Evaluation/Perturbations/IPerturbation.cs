using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>One UCF101-P perturbation type with its severity levels (docs/reference-behaviour.md §6.2).</summary>
public interface IPerturbation
{
    /// <summary>The reference's key, e.g. <c>gaussian_noise</c>; used on the command line and in result files.</summary>
    string Key { get; }

    /// <summary>The short label of the paper's Figure 3, e.g. <c>gauss</c>.</summary>
    string Label { get; }

    /// <summary>The family the type belongs to.</summary>
    PerturbationCategory Category { get; }

    /// <summary>Number of severity levels, numbered from 1 (5 for every type; static rotate has a sixth, 180°).</summary>
    int SeverityCount { get; }
}

/// <summary>
/// A perturbation of pixels: acts on uint8 RGB frames of one view (T frames of H×W×3) and returns as many frames of
/// the same size. Frames are never colour-inverted (docs/reference-behaviour.md §6.4).
/// </summary>
public interface ISpatialPerturbation : IPerturbation
{
    /// <summary>Perturbs every frame; all random draws come from <paramref name="random"/>.</summary>
    RgbImage[] Apply(IReadOnlyList<RgbImage> frames, int severity, PerturbationRandom random);
}

/// <summary>
/// A perturbation of time: re-orders, drops or repeats frames of the whole strided buffer. It is expressed as the
/// source index of each output frame, so it can be checked without pixels.
/// </summary>
public interface ITemporalPerturbation : IPerturbation
{
    /// <summary>Source frame index of each output frame for a buffer of <paramref name="frameCount"/> frames.</summary>
    int[] SelectFrames(int frameCount, int severity, PerturbationRandom random);
}

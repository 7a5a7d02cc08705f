using SynVid.Evaluation.Perturbations;
using SynVid.Video;

namespace SynVid.Evaluation.Robustness;

/// <summary>
/// One perturbation type at one severity placed in the multi-view test pipeline as the reference places it
/// (docs/reference-behaviour.md §6.1): temporal types act on the whole strided, resized uint8 buffer before a view is cut, and the
/// result is padded by repeating its last frame to the clip length (<see cref="TemporalPadding"/>, §6.4.2); spatial
/// types act on each cropped uint8 view. Every view of every video gets its own draws, seeded by
/// (seed, video, type, severity) and forked by the view number (<see cref="ClipPerturbation.Apply"/>), so a perturbed
/// evaluation is a pure function of the seed whatever the batch size or thread count.
/// </summary>
public sealed class SeededViewPerturbation : IViewPerturbation
{
    /// <summary>Creates the hook.</summary>
    /// <param name="perturbation">The type.</param>
    /// <param name="severity">Its level.</param>
    /// <param name="seed">Seed of every draw.</param>
    /// <param name="clipLength">Frames a view needs (the model's frame count); shorter perturbed buffers are padded to it.</param>
    /// <param name="legacyInvert">Reproduce the reference's colour inversion before PIL-based spatial operations (comparison only).</param>
    public SeededViewPerturbation(IPerturbation perturbation, int severity, long seed, int clipLength = TemporalPadding.ModelFrames, bool legacyInvert = false)
    {
        Perturbation = perturbation ?? throw new ArgumentNullException(nameof(perturbation));
        perturbation.CheckSeverity(severity);
        ArgumentOutOfRangeException.ThrowIfLessThan(clipLength, 1);
        Severity = severity;
        Seed = seed;
        ClipLength = clipLength;
        LegacyInvert = legacyInvert;
    }

    /// <summary>The type.</summary>
    public IPerturbation Perturbation { get; }

    /// <summary>The level.</summary>
    public int Severity { get; }

    /// <summary>The seed.</summary>
    public long Seed { get; }

    /// <summary>Frames a view needs.</summary>
    public int ClipLength { get; }

    /// <summary>Whether the reference's colour-inversion bug is reproduced.</summary>
    public bool LegacyInvert { get; }

    /// <summary>Temporal types: the perturbed buffer, padded to <see cref="ClipLength"/>; spatial types: the buffer unchanged.</summary>
    public IReadOnlyList<RgbImage> PerturbBuffer(IReadOnlyList<RgbImage> buffer, int video, int view) =>
        Perturbation is ITemporalPerturbation
            ? TemporalPadding.PadFrames(ClipPerturbation.Apply(buffer, Perturbation, Severity, Seed, video, view), ClipLength)
            : buffer;

    /// <summary>Spatial types: the perturbed view; temporal types: the view unchanged.</summary>
    public IReadOnlyList<RgbImage> PerturbView(IReadOnlyList<RgbImage> frames, int video, int view) =>
        Perturbation is ISpatialPerturbation
            ? ClipPerturbation.Apply(frames, Perturbation, Severity, Seed, video, view, LegacyInvert)
            : frames;
}

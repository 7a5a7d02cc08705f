using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// Applies one perturbation at one severity to a clip with the documented seeding: every draw comes from
/// <see cref="PerturbationRandom.For"/>(seed, video, type key, severity), so a perturbed test set is a pure function
/// of its seed.
/// </summary>
public static class ClipPerturbation
{
    /// <summary>
    /// Perturbs <paramref name="frames"/>. Spatial types return as many frames of the same size; temporal types return
    /// the re-ordered frames (sampling shortens the clip: pad with <see cref="TemporalPadding"/> where a fixed length
    /// is needed). <paramref name="legacyInvert"/> reproduces the reference's colour-inversion bug (docs/reference-behaviour.md
    /// §6.4.1: each value v becomes (v·255) mod 256 before a PIL-based operation) for comparison only.
    /// <paramref name="view"/> numbers the test views of one video: as in the reference, each view gets its own
    /// draws (view 0 uses the video's stream itself, view v &gt; 0 its fork −v, disjoint from the per-frame forks).
    /// </summary>
    public static RgbImage[] Apply(
        IReadOnlyList<RgbImage> frames, IPerturbation perturbation, int severity, long seed, long video = 0, int view = 0,
        bool legacyInvert = false)
    {
        ArgumentNullException.ThrowIfNull(perturbation);
        ArgumentOutOfRangeException.ThrowIfNegative(view);
        PerturbationGuards.CheckFrames(frames);
        perturbation.CheckSeverity(severity);
        var random = RandomFor(seed, video, view, perturbation, severity);
        switch (perturbation)
        {
            case ISpatialPerturbation spatial:
                var input = legacyInvert && perturbation is not Translate ? [.. frames.Select(Invert)] : frames;
                return spatial.Apply(input, severity, random);
            case ITemporalPerturbation temporal:
                return [.. temporal.SelectFrames(frames.Count, severity, random).Select(i => frames[i])];
            default:
                throw new ArgumentException($"{perturbation.Key} is neither spatial nor temporal", nameof(perturbation));
        }
    }

    /// <summary>The random stream of one (seed, video, view, type, severity) cell.</summary>
    public static PerturbationRandom RandomFor(long seed, long video, int view, IPerturbation perturbation, int severity)
    {
        ArgumentNullException.ThrowIfNull(perturbation);
        var random = PerturbationRandom.For(seed, video, perturbation.Key, severity);
        return view == 0 ? random : random.Fork(-view);
    }

    /// <summary>The reference's float-[0, 255] → uint8 overflow: v·255 mod 256, a photographic negative for v &gt; 0.</summary>
    private static RgbImage Invert(RgbImage frame)
    {
        var output = new byte[frame.Pixels.Length];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = unchecked((byte)(frame.Pixels[i] * 255));
        }
        return new RgbImage(frame.Width, frame.Height, output);
    }
}

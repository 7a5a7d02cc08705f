using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>Argument checks shared by the perturbations.</summary>
internal static class PerturbationGuards
{
    /// <summary>Throws a <see cref="UserInputException"/> unless 1 ≤ severity ≤ the type's level count.</summary>
    internal static void CheckSeverity(this IPerturbation perturbation, int severity)
    {
        if (severity < 1 || severity > perturbation.SeverityCount)
        {
            throw new UserInputException(
                $"severity {severity} is out of range for {perturbation.Key}: expected 1..{perturbation.SeverityCount}");
        }
    }

    /// <summary>Checks that a clip has frames and that they share one size.</summary>
    internal static void CheckFrames(IReadOnlyList<RgbImage> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0)
        {
            throw new ArgumentException("a clip needs at least one frame", nameof(frames));
        }
        var (w, h) = (frames[0].Width, frames[0].Height);
        for (var t = 1; t < frames.Count; t++)
        {
            if (frames[t].Width != w || frames[t].Height != h)
            {
                throw new ArgumentException($"frame {t} is {frames[t].Width}×{frames[t].Height}, frame 0 is {w}×{h}", nameof(frames));
            }
        }
    }

    /// <summary>Applies <paramref name="perturbFrame"/> to every frame with the frame's own forked random stream.</summary>
    internal static RgbImage[] MapFrames(
        IReadOnlyList<RgbImage> frames, PerturbationRandom random, Func<RgbImage, PerturbationRandom, RgbImage> perturbFrame)
    {
        CheckFrames(frames);
        var result = new RgbImage[frames.Count];
        for (var t = 0; t < frames.Count; t++)
        {
            result[t] = perturbFrame(frames[t], random.Fork(t));
        }
        return result;
    }

    /// <summary>The reference's float → uint8 step: ⌊clip(x, 0, 1)·255⌋ (REFERENCE.md §6.2).</summary>
    internal static byte Quantise(double x) => x <= 0 ? (byte)0 : x >= 1 ? (byte)255 : (byte)(x * 255.0);
}

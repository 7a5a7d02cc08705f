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
}

using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>Per-frame application and the reference's float → uint8 quantisation, shared by the spatial types.</summary>
internal static class FrameMapping
{
    /// <summary>Applies <paramref name="perturbFrame"/> to every frame with the frame's own forked random stream.</summary>
    internal static RgbImage[] MapFrames(
        IReadOnlyList<RgbImage> frames, PerturbationRandom random, Func<RgbImage, PerturbationRandom, RgbImage> perturbFrame)
    {
        PerturbationGuards.CheckFrames(frames);
        var result = new RgbImage[frames.Count];
        for (var t = 0; t < frames.Count; t++)
        {
            result[t] = perturbFrame(frames[t], random.Fork(t));
        }
        return result;
    }

    /// <summary>The reference's float → uint8 step: ⌊clip(x, 0, 1)·255⌋ (docs/reference-behaviour.md §6.2).</summary>
    internal static byte Quantise(double x) => x <= 0 ? (byte)0 : x >= 1 ? (byte)255 : (byte)(x * 255.0);
}

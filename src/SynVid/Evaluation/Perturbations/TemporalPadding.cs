using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// The padding rule after a temporal perturbation (docs/reference-behaviour.md §6.4.2): a perturbed buffer shorter than the model
/// needs (sampling and reverse sampling shorten it by 2^s) is extended by repeating its last frame until it has the
/// required length, the same rule the loader uses for short videos. Longer buffers are left as they are. Views
/// are then cut from the padded buffer, so evaluation never fails on a short clip.
/// </summary>
public static class TemporalPadding
{
    /// <summary>Frames a VideoMAE clip needs: 16 (docs/reference-behaviour.md §6.4.2).</summary>
    public const int ModelFrames = 16;

    /// <summary>Source indices padded by repeating the last one up to <paramref name="minimumLength"/>.</summary>
    public static int[] PadIndices(IReadOnlyList<int> indices, int minimumLength = ModelFrames)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0)
        {
            throw new ArgumentException("cannot pad an empty frame list", nameof(indices));
        }
        var result = new int[Math.Max(indices.Count, minimumLength)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = indices[Math.Min(i, indices.Count - 1)];
        }
        return result;
    }

    /// <summary>Frames padded by repeating the last one up to <paramref name="minimumLength"/>.</summary>
    public static RgbImage[] PadFrames(IReadOnlyList<RgbImage> frames, int minimumLength = ModelFrames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var indices = PadIndices([.. Enumerable.Range(0, frames.Count)], minimumLength);
        return [.. indices.Select(i => frames[i])];
    }

    internal static void CheckFrameCount(int frameCount)
    {
        if (frameCount < 1)
        {
            throw new UserInputException($"a temporal perturbation needs at least one frame, got {frameCount}");
        }
    }
}

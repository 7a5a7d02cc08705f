using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>translate</c> (Figure 3 "translate"): one shift (i rows, j columns), i, j ~ U{0..8s−1}, for the whole clip; the
/// view moves up and left by it and the uncovered bottom and right are black (docs/reference-behaviour.md §6.2:
/// output = view[i:i+H, j:j+W] zero-padded).
/// </summary>
public sealed class Translate : ISpatialPerturbation
{
    /// <inheritdoc/>
    public string Key => "translate";

    /// <inheritdoc/>
    public string Label => "translate";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Camera;

    /// <inheritdoc/>
    public int SeverityCount => 5;

    /// <summary>Largest shift in pixels at a severity: 7, 15, 23, 31, 39.</summary>
    public static int MaxShift(int severity) => 8 * severity - 1;

    /// <inheritdoc/>
    public RgbImage[] Apply(IReadOnlyList<RgbImage> frames, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        PerturbationGuards.CheckFrames(frames);
        var max = MaxShift(severity);
        var rows = random.NextInt(0, max);
        var columns = random.NextInt(0, max);
        return [.. frames.Select(f => Shift(f, rows, columns))];
    }

    /// <summary>output(y, x) = input(y + rows, x + columns), black outside the input.</summary>
    public static RgbImage Shift(RgbImage frame, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int w = frame.Width, h = frame.Height;
        var output = new byte[frame.Pixels.Length];
        var copyWidth = Math.Max(0, w - columns);
        for (var y = 0; y + rows < h && copyWidth > 0; y++)
        {
            Array.Copy(frame.Pixels, ((y + rows) * w + columns) * 3, output, y * w * 3, copyWidth * 3);
        }
        return new RgbImage(w, h, output);
    }
}

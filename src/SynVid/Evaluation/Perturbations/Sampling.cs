namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>sampling</c>: keep every r-th frame from the first, r = 2^s (docs/reference-behaviour.md §6.2). The result is shorter than
/// the input; <see cref="TemporalPadding"/> restores the length the model needs.
/// </summary>
public sealed class Sampling : ITemporalPerturbation
{
    /// <inheritdoc/>
    public string Key => "sampling";

    /// <inheritdoc/>
    public string Label => "sampling";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Temporal;

    /// <inheritdoc/>
    public int SeverityCount => 5;

    /// <summary>Frame step r at a severity: 2, 4, 8, 16, 32.</summary>
    public static int Step(int severity) => 1 << severity;

    /// <inheritdoc/>
    public int[] SelectFrames(int frameCount, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        TemporalPadding.CheckFrameCount(frameCount);
        return Every(frameCount, Step(severity));
    }

    internal static int[] Every(int frameCount, int step) =>
        [.. Enumerable.Range(0, (frameCount + step - 1) / step).Select(i => i * step)];
}

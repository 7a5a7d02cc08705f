namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>reverse_sampling</c> (Figure 3 "reverse"): every r-th frame from the first, r = 2^s, then time reversed
/// (docs/reference-behaviour.md §6.2).
/// </summary>
public sealed class ReverseSampling : ITemporalPerturbation
{
    /// <inheritdoc/>
    public string Key => "reverse_sampling";

    /// <inheritdoc/>
    public string Label => "reverse";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Temporal;

    /// <inheritdoc/>
    public int SeverityCount => 5;

    /// <inheritdoc/>
    public int[] SelectFrames(int frameCount, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        TemporalPadding.CheckFrameCount(frameCount);
        var indices = Sampling.Every(frameCount, Sampling.Step(severity));
        Array.Reverse(indices);
        return indices;
    }
}

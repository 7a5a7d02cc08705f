namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>jumble</c> (Figure 3 "jumble"): the buffer is cut into consecutive chunks of L = 64 / 2^s frames (the last
/// chunk may be shorter) and the frames inside each chunk are shuffled (docs/reference-behaviour.md §6.2).
/// </summary>
public sealed class Jumble : ITemporalPerturbation
{
    /// <inheritdoc/>
    public string Key => "jumble";

    /// <inheritdoc/>
    public string Label => "jumble";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Temporal;

    /// <inheritdoc/>
    public int SeverityCount => 5;

    /// <summary>Chunk length L at a severity: 32, 16, 8, 4, 2.</summary>
    public static int ChunkLength(int severity) => 64 >> severity;

    /// <inheritdoc/>
    public int[] SelectFrames(int frameCount, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        TemporalPadding.CheckFrameCount(frameCount);
        ArgumentNullException.ThrowIfNull(random);
        var length = ChunkLength(severity);
        var indices = Enumerable.Range(0, frameCount).ToArray();
        for (var start = 0; start < frameCount; start += length)
        {
            random.Shuffle(indices.AsSpan(start, Math.Min(length, frameCount - start)));
        }
        return indices;
    }
}

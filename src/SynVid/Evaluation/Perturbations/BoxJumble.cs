namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>box_jumble</c> (Figure 3 "box jumble"): the buffer is cut into consecutive chunks of L = (s + 1)² frames (the
/// last chunk may be shorter) and the order of the chunks is shuffled; frames inside a chunk keep their order
/// (docs/reference-behaviour.md §6.2).
/// </summary>
public sealed class BoxJumble : ITemporalPerturbation
{
    /// <inheritdoc/>
    public string Key => "box_jumble";

    /// <inheritdoc/>
    public string Label => "box jumble";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Temporal;

    /// <inheritdoc/>
    public int SeverityCount => 5;

    /// <summary>Chunk length L at a severity: 4, 9, 16, 25, 36.</summary>
    public static int ChunkLength(int severity) => (severity + 1) * (severity + 1);

    /// <inheritdoc/>
    public int[] SelectFrames(int frameCount, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        TemporalPadding.CheckFrameCount(frameCount);
        ArgumentNullException.ThrowIfNull(random);
        var length = ChunkLength(severity);
        var chunks = Enumerable.Range(0, (frameCount + length - 1) / length).ToArray();
        random.Shuffle(chunks.AsSpan());
        return [.. chunks.SelectMany(c => Enumerable.Range(c * length, Math.Min(length, frameCount - c * length)))];
    }
}

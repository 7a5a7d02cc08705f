namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>freeze</c> (Figure 3 "freeze"): k distinct frame indices are drawn and sorted; each is held until the next one,
/// the last until the end; frames before the first index are dropped, and the clip is padded at the end with the
/// buffer's true last frame back to T frames (docs/reference-behaviour.md §6.2). k = ⌊0.4T⌋, ⌊0.2T⌋, ⌊0.1T⌋, ⌊max(0.05T, 2)⌋, 1
/// for s = 1..5, clamped to [1, T] so very short buffers still get one frozen frame.
/// </summary>
public sealed class Freeze : ITemporalPerturbation
{
    /// <inheritdoc/>
    public string Key => "freeze";

    /// <inheritdoc/>
    public string Label => "freeze";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Temporal;

    /// <inheritdoc/>
    public int SeverityCount => 5;

    /// <summary>Number of frozen frames k for a buffer of <paramref name="frameCount"/> frames.</summary>
    public static int KeptFrames(int frameCount, int severity)
    {
        double t = frameCount;
        var k = severity switch
        {
            1 => Math.Floor(0.4 * t),
            2 => Math.Floor(0.2 * t),
            3 => Math.Floor(0.1 * t),
            4 => Math.Floor(Math.Max(0.05 * t, 2)),
            5 => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(severity)),
        };
        return (int)Math.Clamp(k, 1, frameCount);
    }

    /// <inheritdoc/>
    public int[] SelectFrames(int frameCount, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        TemporalPadding.CheckFrameCount(frameCount);
        ArgumentNullException.ThrowIfNull(random);
        var k = KeptFrames(frameCount, severity);
        // A partial Fisher–Yates shuffle draws k distinct indices.
        var pool = Enumerable.Range(0, frameCount).ToArray();
        for (var i = 0; i < k; i++)
        {
            var j = random.NextInt(i, frameCount - 1);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        var kept = pool[..k];
        Array.Sort(kept);
        var result = new List<int>(frameCount);
        for (var i = 0; i < k; i++)
        {
            var until = i + 1 < k ? kept[i + 1] : frameCount;
            for (var n = kept[i]; n < until; n++)
            {
                result.Add(kept[i]);
            }
        }
        while (result.Count < frameCount)
        {
            result.Add(frameCount - 1);
        }
        return [.. result];
    }
}

namespace SynVid.Synthesis;

/// <summary>Training-clip options of the on-the-fly source (docs/reference-behaviour.md §2.9, §1.2).</summary>
public sealed record ClipSampling
{
    /// <summary>Frames per clip; 16 (VideoMAE).</summary>
    public int Frames { get; init; } = 16;

    /// <summary>Stride between sampled frames; 4 (§2.9).</summary>
    public int Stride { get; init; } = 4;

    /// <summary>Samples per epoch; 9,537, the size of UCF101 split-1 train (§1.2).</summary>
    public int EpochSize { get; init; } = 9537;

    /// <summary>
    /// TSN-style frame ids of a clip from a video of <paramref name="videoFrames"/> frames: o ~ U{1..D − T·s + 1},
    /// ids o − 1 + s·k for k = 0..T−1 (no jitter). Videos shorter than the span start at 0 and repeat their last frame.
    /// </summary>
    public int[] FrameIndices(int videoFrames, SeededRandom rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(videoFrames, 1);
        var span = Frames * Stride;
        var start = videoFrames >= span ? rng.NextInt(1, videoFrames - span + 1) - 1 : 0;
        var ids = new int[Frames];
        for (var k = 0; k < Frames; k++)
        {
            ids[k] = Math.Min(start + Stride * k, videoFrames - 1);
        }
        return ids;
    }

    /// <summary>Throws <see cref="UserInputException"/> on a bad value.</summary>
    public ClipSampling Validated()
    {
        if (Frames < 1 || Stride < 1 || EpochSize < 1)
        {
            throw new UserInputException($"clip sampling needs frames, stride and epoch size ≥ 1 (got {Frames}, {Stride}, {EpochSize})");
        }
        return this;
    }
}

using SynVid.Synthesis;
using SynVid.Video;

namespace SynVid.Datasets;

/// <summary>
/// The reference's real-video mix (docs/reference-behaviour.md §5.1): within each epoch of E samples, positions below
/// ⌊E·(1 − r)⌋ are synthetic and the rest real, each drawn uniformly with replacement, r being the real fraction.
/// </summary>
public sealed class MixedClipSource : IPretrainClipSource, ISkippedVideos
{
    private readonly IPretrainClipSource _synthetic;
    private readonly IPretrainClipSource _real;
    private readonly int _epochSize;
    private readonly long _seed;
    private readonly int _syntheticPerEpoch;

    /// <summary>Mixes two sources; <paramref name="realFraction"/> in [0, 1].</summary>
    public MixedClipSource(IPretrainClipSource synthetic, IPretrainClipSource real, double realFraction, int epochSize, long seed)
    {
        if (realFraction is < 0 or > 1 || double.IsNaN(realFraction))
        {
            throw new UserInputException($"--mix must be a real-video fraction in [0, 1], got {realFraction}");
        }
        _synthetic = synthetic;
        _real = real;
        _epochSize = epochSize;
        _seed = seed;
        RealFraction = realFraction;
        _syntheticPerEpoch = (int)Math.Floor(epochSize * (1 - realFraction));
    }

    /// <inheritdoc />
    public IReadOnlyList<Specs.SkippedVideo> SkippedVideos => (_real as ISkippedVideos)?.SkippedVideos ?? [];

    /// <summary>The fraction of real samples.</summary>
    public double RealFraction { get; }

    /// <inheritdoc />
    public string Name => $"mix({_synthetic.Name} + {RealFraction:P0} {_real.Name})";

    /// <summary>Whether sample <paramref name="sampleIndex"/> is real.</summary>
    public bool IsReal(long sampleIndex) => sampleIndex % _epochSize >= _syntheticPerEpoch;

    /// <inheritdoc />
    public IReadOnlyList<RgbImage> Clip(long sampleIndex)
    {
        // With replacement: each sample draws which item of its source it shows.
        var draw = (long)(new SeededRandom(_seed, sampleIndex, 7).NextULong() >> 2);
        return IsReal(sampleIndex) ? _real.Clip(draw) : _synthetic.Clip(draw);
    }
}

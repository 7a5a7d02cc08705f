using SynVid.Randomness;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// The random stream of one perturbation applied to one video: xoshiro256** seeded from a 64-bit key.
/// <para>
/// Seed derivation (documented so perturbed test sets can be regenerated anywhere): the key is
/// <c>Mix(Mix(Mix(Mix(seed) ^ video) ^ Fnv1a64(type key)) ^ severity)</c>, where <c>Mix</c> is <see cref="SplitMix64.Hash"/> (the SplitMix64
/// finaliser applied after adding the golden-ratio increment). Per-frame draws use <see cref="Fork"/>, i.e.
/// <c>Mix(key ^ Mix(frame + 1))</c>, so a frame's noise does not depend on how many frames came before it or on
/// the thread that computes it. The 256-bit xoshiro state is filled by four SplitMix64 steps from the key.
/// </para>
/// </summary>
public sealed class PerturbationRandom
{
    private Xoshiro256StarStar _core;
    private PolarGaussian _gaussian;

    /// <summary>Creates the stream for a 64-bit key.</summary>
    public PerturbationRandom(ulong key)
    {
        Key = key;
        _core = Xoshiro256StarStar.FromSplitMix64(key);
    }

    /// <summary>The 64-bit key this stream was seeded from.</summary>
    public ulong Key { get; }

    /// <summary>The stream for (seed, video index, perturbation key, severity).</summary>
    public static PerturbationRandom For(long seed, long video, string perturbation, int severity) =>
        new(DeriveKey(seed, video, perturbation, severity));

    /// <summary>The documented key derivation of <see cref="For"/>.</summary>
    public static ulong DeriveKey(long seed, long video, string perturbation, int severity)
    {
        ArgumentNullException.ThrowIfNull(perturbation);
        var h = SplitMix64.Hash((ulong)seed);
        h = SplitMix64.Hash(h ^ (ulong)video);
        h = SplitMix64.Hash(h ^ Fnv1a64.OfUtf8(perturbation));
        return SplitMix64.Hash(h ^ (ulong)(uint)severity);
    }

    /// <summary>An independent stream for sub-stream <paramref name="index"/> (for example a frame index).</summary>
    public PerturbationRandom Fork(long index) => new(SplitMix64.Hash(Key ^ SplitMix64.Hash((ulong)index + 1)));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => _core.NextUInt64();

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => _core.NextDouble();

    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextUniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxInclusive"/>], without modulo bias.</summary>
    public int NextInt(int minInclusive, int maxInclusive)
    {
        if (maxInclusive < minInclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(maxInclusive), $"empty range [{minInclusive}, {maxInclusive}]");
        }
        return (int)(minInclusive + (long)_core.NextBelowUnbiased((ulong)((long)maxInclusive - minInclusive) + 1));
    }

    /// <summary>A standard normal draw (Marsaglia's polar method; the second value of each pair is kept for the next call).</summary>
    public double NextGaussian() => _gaussian.Next(ref _core);

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(0, i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

using SynVid.Randomness;

namespace SynVid.Synthesis;

/// <summary>
/// A small, fast, seedable generator (xoshiro256**, seeded through SplitMix64). Keys are hashed into the seed, so a
/// stream is a pure function of (dataset seed, video index, …) and never depends on threads or call order (Q7).
/// </summary>
public sealed class SeededRandom
{
    private Xoshiro256StarStar _core;

    /// <summary>A stream for the given keys (e.g. dataset seed, video index).</summary>
    public SeededRandom(params ReadOnlySpan<long> keys)
    {
        var h = 0x5EED_5EED_5EED_5EEDUL;
        foreach (var k in keys)
        {
            h = SplitMix64.Mix(h ^ SplitMix64.Hash(unchecked((ulong)k)));
        }
        _core = Xoshiro256StarStar.FromSplitMix64(h);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => _core.NextDouble();

    /// <summary>Uniform in [lo, hi).</summary>
    public double Uniform(double lo, double hi) => lo + (hi - lo) * NextDouble();

    /// <summary>Uniform integer in [lo, hi], both inclusive (one multiply-shift: unbiased enough for spans far below 2^32).</summary>
    public int NextInt(int lo, int hi)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hi, lo);
        return (int)(lo + (long)_core.NextBelowMultiplyShift((ulong)((long)hi - lo + 1)));
    }

    /// <summary>Next raw 64-bit output.</summary>
    public ulong NextULong() => _core.NextUInt64();
}

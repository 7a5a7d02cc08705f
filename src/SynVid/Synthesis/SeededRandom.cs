namespace SynVid.Synthesis;

/// <summary>
/// A small, fast, seedable generator (xoshiro256**, seeded through SplitMix64). Keys are hashed into the seed, so a
/// stream is a pure function of (dataset seed, video index, …) and never depends on threads or call order (Q7).
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A stream for the given keys (e.g. dataset seed, video index).</summary>
    public SeededRandom(params ReadOnlySpan<long> keys)
    {
        var h = 0x5EED_5EED_5EED_5EEDUL;
        foreach (var k in keys)
        {
            h = Mix(h ^ Mix(unchecked((ulong)k) + 0x9E3779B97F4A7C15UL));
        }
        _s0 = SplitMix(ref h);
        _s1 = SplitMix(ref h);
        _s2 = SplitMix(ref h);
        _s3 = SplitMix(ref h);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [lo, hi).</summary>
    public double Uniform(double lo, double hi) => lo + (hi - lo) * NextDouble();

    /// <summary>Uniform integer in [lo, hi], both inclusive.</summary>
    public int NextInt(int lo, int hi)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hi, lo);
        var span = (ulong)((long)hi - lo + 1);
        // Lemire's multiply-shift: unbiased enough for spans far below 2^32 and branch-free.
        var r = (ulong)(((UInt128)NextULong() * span) >> 64);
        return (int)(lo + (long)r);
    }

    /// <summary>Next raw 64-bit output.</summary>
    public ulong NextULong()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

namespace SynVid.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a Weyl sequence with a 64-bit finaliser. The project seeds every
/// xoshiro256** state from it and hashes stream keys with it.
/// </summary>
public static class SplitMix64
{
    /// <summary>The Weyl increment (2⁶⁴ / φ, odd).</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>The finaliser: a bijective mix of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Advances <paramref name="state"/> by one step and returns its output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Mix(state);
    }

    /// <summary>The first output of a stream started at <paramref name="value"/>: a 64-bit hash of it.</summary>
    public static ulong Hash(ulong value) => Mix(value + Gamma);
}

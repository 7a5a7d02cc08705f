namespace SynVid.Training;

/// <summary>
/// Independent, reproducible random streams keyed by (seed, index, stream): a SplitMix64 mix of the three keys seeds a
/// <see cref="Random"/>, so a sample's crop and mask depend on nothing but its keys (not on threads or order).
/// </summary>
public static class SampleRandom
{
    /// <summary>Stream ids used by the pre-training data pipeline.</summary>
    public enum Stream
    {
        /// <summary>Multi-scale crop.</summary>
        Crop = 1,

        /// <summary>Token mask.</summary>
        Mask = 2,

        /// <summary>Choice of a video / window from a file list.</summary>
        Video = 3,
    }

    /// <summary>A generator for (seed, index, stream).</summary>
    public static Random For(long seed, long index, Stream stream) => new(Mix(seed, index, (long)stream));

    /// <summary>A 31-bit seed from three keys.</summary>
    public static int Mix(long a, long b, long c)
    {
        var x = SplitMix((ulong)a);
        x = SplitMix(x ^ (ulong)b);
        x = SplitMix(x ^ (ulong)c);
        return (int)(x >> 33);
    }

    private static ulong SplitMix(ulong z)
    {
        z += 0x9E3779B97F4A7C15ul;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ul;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBul;
        return z ^ (z >> 31);
    }
}

using System.Text;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// The random stream of one perturbation applied to one video: xoshiro256** seeded from a 64-bit key.
/// <para>
/// Seed derivation (documented so perturbed test sets can be regenerated anywhere): the key is
/// <c>Mix(Mix(Mix(Mix(seed) ^ video) ^ Fnv1a64(type key)) ^ severity)</c>, where <c>Mix</c> is the SplitMix64
/// finaliser applied after adding the golden-ratio increment. Per-frame draws use <see cref="Fork"/>, i.e.
/// <c>Mix(key ^ Mix(frame + 1))</c>, so a frame's noise does not depend on how many frames came before it or on
/// the thread that computes it. The 256-bit xoshiro state is filled by four SplitMix64 steps from the key.
/// </para>
/// </summary>
public sealed class PerturbationRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>Creates the stream for a 64-bit key.</summary>
    public PerturbationRandom(ulong key)
    {
        Key = key;
        var x = key;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
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
        var h = Mix((ulong)seed);
        h = Mix(h ^ (ulong)video);
        h = Mix(h ^ Fnv1a64(perturbation));
        return Mix(h ^ (ulong)(uint)severity);
    }

    /// <summary>An independent stream for sub-stream <paramref name="index"/> (for example a frame index).</summary>
    public PerturbationRandom Fork(long index) => new(Mix(Key ^ Mix((ulong)index + 1)));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
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

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextUniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxInclusive"/>], without modulo bias.</summary>
    public int NextInt(int minInclusive, int maxInclusive)
    {
        if (maxInclusive < minInclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(maxInclusive), $"empty range [{minInclusive}, {maxInclusive}]");
        }
        var range = (ulong)((long)maxInclusive - minInclusive) + 1;
        // Lemire's multiply-and-reject method.
        var m = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0 - range) % range;
            while (low < threshold)
            {
                m = Math.BigMul(NextUInt64(), range, out low);
            }
        }
        return (int)(minInclusive + (long)m);
    }

    /// <summary>A standard normal draw (Marsaglia's polar method; the second value of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);
        var f = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(0, i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Finalise(state);
    }

    private static ulong Mix(ulong value) => Finalise(value + 0x9E3779B97F4A7C15UL);

    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Fnv1a64(string text)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            h = (h ^ b) * 0x100000001B3UL;
        }
        return h;
    }
}

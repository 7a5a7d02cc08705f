namespace SynVid.Textures;

/// <summary>
/// The random stream of one texture (or one network instance): xoshiro256** seeded through SplitMix64 from
/// (seed, stream, index). Pure managed arithmetic, so every draw is identical on every machine and thread count.
/// </summary>
public sealed class TextureRng
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareNormal;

    /// <summary>Creates the stream for a (seed, stream tag, index) triple; distinct triples give independent streams.</summary>
    public TextureRng(long seed, ulong stream, long index)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ stream * 0xC2B2AE3D27D4EB4FUL ^ (ulong)index * 0x165667B19E3779F9UL);
        x = SplitMix(ref x) ^ (ulong)index;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A stable 64-bit tag for a stream name (FNV-1a), so streams are named rather than numbered.</summary>
    public static ulong Tag(string name)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var ch in name)
        {
            h = unchecked((h ^ ch) * 0x100000001B3UL);
        }
        return h;
    }

    /// <summary>Next raw 64 bits.</summary>
    public ulong NextUInt64()
    {
        var result = unchecked(RotateLeft(_s1 * 5, 7) * 9);
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>U(0,1): 53 random bits.</summary>
    public double Uniform() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>U(a,b).</summary>
    public double Uniform(double a, double b) => a + (b - a) * Uniform();

    /// <summary>A uniform integer in [lo, hi] (both ends included).</summary>
    public int IntInclusive(int lo, int hi)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hi, lo);
        var range = (ulong)(hi - lo) + 1;
        return lo + (int)(NextUInt64() % range);
    }

    /// <summary>N(0,1) by the polar Box–Muller method (managed arithmetic only, hence reproducible).</summary>
    public double Normal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * Uniform() - 1;
            v = 2 * Uniform() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * f;
        return u * f;
    }

    /// <summary>N(mean, std²).</summary>
    public double Normal(double mean, double std) => mean + std * Normal();

    /// <summary>Laplace(0, 1).</summary>
    public double Laplace()
    {
        var u = Uniform() - 0.5;
        return -Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
    }

    /// <summary>Fills <paramref name="values"/> with N(0,1) draws.</summary>
    public void FillNormal(Span<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)Normal();
        }
    }

    /// <summary>Fills <paramref name="values"/> with U(0, scale) draws.</summary>
    public void FillUniform(Span<float> values, float scale)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(Uniform() * scale);
        }
    }

    /// <summary>A uniformly random permutation of 0..n-1 (Fisher–Yates).</summary>
    public int[] Permutation(int n)
    {
        var p = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i > 0; i--)
        {
            var j = (int)(NextUInt64() % (ulong)(i + 1));
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        var z = x;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

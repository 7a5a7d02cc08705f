using SynVid.Randomness;

namespace SynVid.Textures;

/// <summary>
/// The random stream of one texture (or one network instance): xoshiro256** seeded through SplitMix64 from
/// (seed, stream, index). Pure managed arithmetic, so every draw is identical on every machine and thread count.
/// </summary>
public sealed class TextureRng
{
    private Xoshiro256StarStar _core;
    private PolarGaussian _normal;

    /// <summary>Creates the stream for a (seed, stream tag, index) triple; distinct triples give independent streams.</summary>
    public TextureRng(long seed, ulong stream, long index)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ stream * 0xC2B2AE3D27D4EB4FUL ^ (ulong)index * 0x165667B19E3779F9UL);
        _core = Xoshiro256StarStar.FromSplitMix64(SplitMix64.Hash(x) ^ (ulong)index);
    }

    /// <summary>A stable 64-bit tag for a stream name (FNV-1a), so streams are named rather than numbered.</summary>
    public static ulong Tag(string name) => Fnv1a64.OfChars(name);

    /// <summary>Next raw 64 bits.</summary>
    public ulong NextUInt64() => _core.NextUInt64();

    /// <summary>U(0,1): 53 random bits.</summary>
    public double Uniform() => _core.NextDouble();

    /// <summary>U(a,b).</summary>
    public double Uniform(double a, double b) => a + (b - a) * Uniform();

    /// <summary>A uniform integer in [lo, hi] (both ends included; the remainder of one draw).</summary>
    public int IntInclusive(int lo, int hi)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hi, lo);
        return lo + (int)_core.NextBelowModulo((ulong)(hi - lo) + 1);
    }

    /// <summary>N(0,1) by the polar Box–Muller method (managed arithmetic only, hence reproducible).</summary>
    public double Normal() => _normal.Next(ref _core);

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
            var j = (int)_core.NextBelowModulo((ulong)(i + 1));
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}

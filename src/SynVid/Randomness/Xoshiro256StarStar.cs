namespace SynVid.Randomness;

/// <summary>
/// The xoshiro256** generator (Blackman and Vigna 2018), the core of every seeded stream in the project. A mutable
/// struct: keep it in a non-readonly field and draw through that field, never through a copy.
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The state filled by four SplitMix64 steps from <paramref name="seed"/>.</summary>
    public static Xoshiro256StarStar FromSplitMix64(ulong seed)
    {
        var x = seed;
        return new Xoshiro256StarStar
        {
            _s0 = SplitMix64.Next(ref x),
            _s1 = SplitMix64.Next(ref x),
            _s2 = SplitMix64.Next(ref x),
            _s3 = SplitMix64.Next(ref x),
        };
    }

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

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => RandomBits.ToUnitDouble(NextUInt64());

    /// <summary>
    /// An integer in [0, <paramref name="n"/>) by one multiply-shift (Lemire without the rejection step): one draw
    /// per call, with a bias of at most n / 2⁶⁴.
    /// </summary>
    public ulong NextBelowMultiplyShift(ulong n) => (ulong)(((UInt128)NextUInt64() * n) >> 64);

    /// <summary>An integer in [0, <paramref name="n"/>) without bias (Lemire's multiply-and-reject method).</summary>
    public ulong NextBelowUnbiased(ulong n)
    {
        var m = Math.BigMul(NextUInt64(), n, out var low);
        if (low < n)
        {
            var threshold = (0 - n) % n;
            while (low < threshold)
            {
                m = Math.BigMul(NextUInt64(), n, out low);
            }
        }
        return m;
    }

    /// <summary>An integer in [0, <paramref name="n"/>) as the remainder of one draw (bias at most n / 2⁶⁴).</summary>
    public ulong NextBelowModulo(ulong n) => NextUInt64() % n;
}
